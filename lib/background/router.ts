/**
 * BACKGROUND ONLY. Every message to the background passes here. A message is a claim: it is checked
 * against the sender the browser reports (our own extension, one of the contexts allowed this operation)
 * and against the operation's payload schema before any handler runs. A composer framed in a web page
 * must also have been admitted (lib/background/admission.ts) for the order it asks about.
 */
import './guard';
import { Validator, type Schema } from '@cfworker/json-schema';
import { SELLER_CENTRAL_HOSTS } from '../marketplaces';
import type { Envelope, Explained, Operation, Page, Req, Res, Result } from '../protocol';

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
  documentId?: string;
}

/** `sender` is what the browser reported; a handler that needs it refuses when it is missing. */
export type Handler<O extends Operation> = (req: Req<O>, sender?: Sender) => Promise<Res<O>>;

export interface Rule {
  pages: readonly Page[];
  schema: Schema;
}

export type Rules = { [O in Operation]: Rule };
export type Handlers = { [O in Operation]: Handler<O> };

export interface RouterOptions {
  extensionId: string;
  /** e.g. "chrome-extension:" — content scripts report the web page's URL instead, and are refused. */
  extensionProtocol: string;
  rules: Rules;
  handlers: Handlers;
  explain: (error: unknown) => Explained;
  /** The order a framed composer was admitted for; without it every framed composer is refused. */
  admittedOrder?: (sender: Sender) => Promise<string | undefined>;
}

const OPS_PAGE = /^\/(options|popup|composer|reviews)\.html$/;

const SELLER_CENTRAL = new Set(SELLER_CENTRAL_HOSTS);

/** A composer in a tab's sub-frame (framed by the order-page panel, or by anyone else). */
export function isFramed(sender: Sender): boolean {
  return sender.tab !== undefined && sender.frameId !== undefined && sender.frameId !== 0;
}

export function pageOf(sender: Sender, options: Pick<RouterOptions, 'extensionId' | 'extensionProtocol'>): Page | undefined {
  if (sender.id !== options.extensionId || !sender.url) return undefined;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return undefined;
  }
  // Our content script reports the page it runs in; it runs in the top frame of Seller Central tabs only.
  // A web page itself cannot message the extension at all (no externally_connectable).
  if (url.protocol === 'https:' && SELLER_CENTRAL.has(url.hostname) && sender.tab?.id !== undefined && sender.frameId === 0) {
    return 'orderPage';
  }
  if (url.protocol !== options.extensionProtocol) return undefined;
  return OPS_PAGE.exec(url.pathname)?.[1] as Page | undefined;
}

function orderIdOf(req: unknown): string | undefined {
  const r = req as { orderId?: unknown; draft?: { orderId?: unknown } };
  const id = r.orderId ?? r.draft?.orderId;
  return typeof id === 'string' ? id : undefined;
}

const NOT_ADMITTED: Explained = { key: 'app_composerNotAdmitted', substitutions: [] };

export function createRouter(options: RouterOptions) {
  const validators = new Map<string, Validator>(
    Object.entries(options.rules).map(([op, rule]) => [op, new Validator(rule.schema, '7', false)]),
  );

  return async function route(message: unknown, sender: Sender): Promise<Result<unknown>> {
    const envelope = message as Partial<Envelope> | null;
    const op = typeof envelope?.op === 'string' ? envelope.op : '';
    const rule = Object.hasOwn(options.rules, op) ? options.rules[op as Operation] : undefined;
    const page = pageOf(sender, options);
    if (!rule || !page || !rule.pages.includes(page)) {
      return { ok: false, error: { key: 'app_forbiddenSender', substitutions: [] } };
    }
    const check = validators.get(op)!.validate(envelope?.req);
    if (!check.valid) {
      const first = check.errors.at(-1);
      const where = first ? `${first.instanceLocation} ${first.error}` : op;
      return { ok: false, error: { key: 'app_invalidRequest', substitutions: [where] } };
    }
    if (page === 'composer' && isFramed(sender) && op !== 'composer.redeem') {
      const admitted = await options.admittedOrder?.(sender);
      const asked = orderIdOf(envelope!.req);
      if (!admitted || (asked !== undefined && asked !== admitted)) return { ok: false, error: NOT_ADMITTED };
    }
    try {
      const handler = options.handlers[op as Operation] as (req: unknown, sender: Sender) => Promise<unknown>;
      return { ok: true, value: await handler(envelope!.req, sender) };
    } catch (error) {
      return { ok: false, error: options.explain(error) };
    }
  };
}
