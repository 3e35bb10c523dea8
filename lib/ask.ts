/**
 * How extension pages ask the background for an operation. The background answers with a Result, so an
 * error arrives already explained (an i18n key, Amazon's code and request id), never as a bare string.
 */
import { browser } from 'wxt/browser';
import type { Envelope, Explained, Operation, Req, Res, Result } from './protocol';

export class AskError extends Error {
  constructor(readonly explained: Explained) {
    super(explained.key);
  }
}

/** The background was stopped or restarted while answering; the operation's outcome must be re-read. */
export const CONNECTION_LOST: Explained = { key: 'app_backgroundRestarted', substitutions: [] };

export async function ask<O extends Operation>(op: O, req: Req<O>): Promise<Res<O>> {
  let result: Result<Res<O>> | undefined;
  try {
    result = (await browser.runtime.sendMessage({ op, req } satisfies Envelope<O>)) as Result<Res<O>> | undefined;
  } catch {
    throw new AskError(CONNECTION_LOST);
  }
  if (!result) throw new AskError(CONNECTION_LOST);
  if (!result.ok) throw new AskError(result.error);
  return result.value;
}

export function explainedOf(error: unknown): Explained {
  if (error instanceof AskError) return error.explained;
  return { key: 'app_unexpectedError', substitutions: [error instanceof Error ? error.message : String(error)] };
}
