/**
 * Which way the buyer's language is written. Text fields follow what is typed (dir="auto"); an empty one
 * starts right-to-left when the buyer reads a right-to-left language, so the seller writes where the
 * text will go.
 */

// Languages written right to left (ISO 639 codes, "iw" being Hebrew's old code), and the scripts
// that make any language right-to-left ("ku-Arab", "pa-Arab").
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'lrc', 'mzn', 'pnb', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand', 'samr']);
const LTR_SCRIPTS = new Set(['latn', 'cyrl']);

/** True for "ar-SA", "he", "fa-IR", "ur-PK", "ku-Arab"; false for "en-US", "ku-Latn" and unreadable tags. */
export function isRightToLeft(locale: string | undefined): boolean {
  if (!locale) return false;
  const parts = locale.trim().toLowerCase().split(/[-_]/);
  const script = parts.slice(1).find((p) => p.length === 4);
  if (script && RTL_SCRIPTS.has(script)) return true;
  if (script && LTR_SCRIPTS.has(script)) return false;
  return RTL_LANGUAGES.has(parts[0] ?? '');
}
