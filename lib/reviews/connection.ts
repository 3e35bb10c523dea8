/**
 * The connection review requests belong to. Everything this feature stores is keyed by a connection
 * id and every background function takes one, so several seller connections can share the code; for
 * now the extension holds a single connection.
 */
export const CURRENT_CONNECTION = 'primary';
