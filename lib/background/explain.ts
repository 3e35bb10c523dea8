/**
 * BACKGROUND ONLY. Turns any error into what the seller is shown: a specific message key, Amazon's code,
 * message and request id when there is one, and never a credential.
 */
import './guard';
import { explainError } from '../spapi';
import { NotConnectedError } from './connection';
import { SendRefused } from './send';
import { LockError } from '../credentials/vault';
import { AdmissionRefused } from './admission';
import type { Explained } from '../protocol';

// LWA tokens start with Atza| (access) or Atzr| (refresh); nothing shaped like one is ever shown.
const TOKEN_SHAPE = /Atz[ar]\|[^\s"',]+/g;

export function scrub(text: string): string {
  return text.replace(TOKEN_SHAPE, '***');
}

export function explain(error: unknown): Explained {
  if (error instanceof SendRefused) return error.explained;
  if (error instanceof NotConnectedError) return { key: 'app_notConnected', substitutions: [] };
  if (error instanceof AdmissionRefused) return { key: 'app_composerNotAdmitted', substitutions: [] };
  if (error instanceof LockError) return { key: error.key, substitutions: [] };
  const known = explainError(error);
  if (known) {
    const e = error as { code?: string; requestId?: string; message?: string; details?: string };
    return {
      key: known.key,
      substitutions: known.substitutions.map(scrub),
      code: e.code,
      requestId: e.requestId,
      detail: e.message ? scrub([e.message, e.details].filter(Boolean).join(' — ')) : undefined,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { key: 'app_unexpectedError', substitutions: [scrub(message)] };
}
