/**
 * BACKGROUND ONLY. A request refused with a reason of ours: explain() passes its message through
 * unchanged. Every feature's refusal (a send, a notification change, the connection) extends this one,
 * so none depends on another feature's error class.
 */
import type { Explained } from '../protocol';

export class Refusal extends Error {
  constructor(readonly explained: Explained) {
    super(explained.key);
  }
}

/** No connection is saved, or its secrets belong to another endpoint: nothing is sent anywhere. */
export class NotConnectedError extends Error {
  constructor() {
    super('not connected');
  }
}
