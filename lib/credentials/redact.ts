/**
 * BACKGROUND ONLY. Every secret value the background has held this life (client secret, refresh token,
 * AWS secret key, access tokens), so that text shown to the seller or logged can be cleaned of them by
 * value, whatever their shape. The vault registers what it reads and writes; LWA registers every access
 * token it is issued. A restarted worker starts empty, and registers each value again before it can be
 * used, so nothing is sent that redact() would not know.
 */
const held = new Set<string>();
/** Shorter values could match ordinary words; no real secret is this short. */
const MIN_LENGTH = 6;

export function rememberSecret(value: string | undefined): void {
  if (typeof value === 'string' && value.length >= MIN_LENGTH) held.add(value);
}

export const MASK = '***';

/** The text with every held secret (and its URL-encoded form) replaced by ***. */
export function redact(text: string): string {
  let out = text;
  for (const secret of held) {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      if (out.includes(form)) out = out.split(form).join(MASK);
    }
  }
  return out;
}
