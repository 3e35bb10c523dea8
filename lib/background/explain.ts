/**
 * BACKGROUND ONLY. Turns any error into what the seller is shown: a specific message key, Amazon's code,
 * message and request id when there is one, and never a credential.
 */
import './guard';
import { explainError } from '../spapi';
import { NotConnectedError, Refusal } from './refusal';
import { LockError } from '../credentials/vault';
import { MASK, redact } from '../credentials/redact';
import { EgressRefused } from '../net/egress';
import { AdmissionRefused } from './admission';
import type { Explained } from '../protocol';

// Secrets are removed by value (every one the vault and LWA handed out); an LWA token of this account
// that the background never held is still recognisable by its prefix.
const TOKEN_SHAPE = /Atz[ar]\|[^\s"',]+/g;

export function scrub(text: string): string {
  return redact(text).replace(TOKEN_SHAPE, MASK);
}

function scrubbed(explained: Explained): Explained {
  return {
    ...explained,
    substitutions: explained.substitutions.map(scrub),
    ...(explained.detail !== undefined ? { detail: scrub(explained.detail) } : {}),
  };
}

export function explain(error: unknown): Explained {
  return scrubbed(explainRaw(error));
}

function explainRaw(error: unknown): Explained {
  if (error instanceof Refusal) return error.explained;
  if (error instanceof EgressRefused) return { key: error.key, substitutions: [error.host] };
  if (error instanceof NotConnectedError) return { key: 'app_notConnected', substitutions: [] };
  if (error instanceof AdmissionRefused) return { key: 'app_composerNotAdmitted', substitutions: [] };
  if (error instanceof LockError) return { key: error.key, substitutions: [] };
  const known = explainError(error);
  if (known) {
    const e = error as { code?: string; requestId?: string; message?: string; details?: string };
    return {
      key: known.key,
      substitutions: known.substitutions,
      code: e.code,
      requestId: e.requestId,
      detail: e.message ? [e.message, e.details].filter(Boolean).join(' — ') : undefined,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { key: 'app_unexpectedError', substitutions: [message] };
}
