/**
 * BACKGROUND ONLY. Every message to the background passes here. A message is a claim: it is checked
 * against the sender the browser reports (our own extension, one of the pages allowed this operation)
 * and against the operation's payload schema before any handler runs.
 */
import './guard';
import { Validator, type Schema } from '@cfworker/json-schema';
import type { Envelope, Explained, Operation, Page, Req, Res, Result } from '../protocol';

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export type Handler<O extends Operation> = (req: Req<O>) => Promise<Res<O>>;

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
}

const OPS_PAGE = /^\/(options|popup|composer)\.html$/;

export function pageOf(sender: Sender, options: Pick<RouterOptions, 'extensionId' | 'extensionProtocol'>): Page | undefined {
  if (sender.id !== options.extensionId || !sender.url) return undefined;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== options.extensionProtocol) return undefined;
  return OPS_PAGE.exec(url.pathname)?.[1] as Page | undefined;
}

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
    try {
      const handler = options.handlers[op as Operation] as (req: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(envelope!.req) };
    } catch (error) {
      return { ok: false, error: options.explain(error) };
    }
  };
}
