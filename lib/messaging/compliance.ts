/**
 * Amazon's buyer-messaging rules that can be checked on the text itself, before anything is sent:
 * no HTML, no email addresses (errors), and links only when needed to complete the order (warnings the
 * seller must confirm). Patterns are deliberately narrow: a false alarm on "3 < 5" or "version 2.0"
 * teaches sellers to ignore the check, so each rule needs an unambiguous shape.
 */
import type { I18nKey } from './label';

export type FindingKind = 'html-tag' | 'html-entity' | 'email' | 'link';

export interface Finding {
  kind: FindingKind;
  key: I18nKey;
  /** The text that matched, as it appears in the message. */
  match: string;
  /** Start of the match in UTF-16 units, i.e. `text.slice(index, index + match.length)`. */
  index: number;
}

const FINDING_KEYS: ReadonlySet<string> = new Set(['msg_compliance_html', 'msg_compliance_html_entity', 'msg_compliance_email', 'msg_compliance_link']);

/** True for the message of a compliance finding, which the composer lists with the findings. */
export function isComplianceKey(key: string): boolean {
  return FINDING_KEYS.has(key);
}

/** Label of the checkbox the seller ticks to send a message that has link warnings. */
export const LINK_CONFIRMATION_KEY: I18nKey = 'msg_compliance_link_confirm';

export interface ComplianceResult {
  errors: Finding[];
  warnings: Finding[];
}

// A tag is "<" + a known HTML element name (optionally "/"), then attributes and ">". Unknown names
// are left alone so that "a < b", "x<y and y>z" and "<3" stay plain text.
const ELEMENTS = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'big', 'blockquote', 'body', 'br', 'button', 'center',
  'code', 'col', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'embed', 'font', 'footer', 'form', 'h[1-6]', 'head',
  'header', 'hr', 'html', 'i', 'iframe', 'img', 'input', 'ins', 'label', 'li', 'link', 'main', 'mark',
  'meta', 'nav', 'object', 'ol', 'option', 'p', 'pre', 'q', 's', 'script', 'section', 'select', 'small',
  'span', 'strike', 'strong', 'style', 'sub', 'sup', 'svg', 'table', 'tbody', 'td', 'textarea', 'tfoot',
  'th', 'thead', 'title', 'tr', 'tt', 'u', 'ul', 'video',
].join('|');
const TAG = new RegExp(String.raw`<\/?(?:${ELEMENTS})(?:\s[^<>]*)?\/?>|<!--|<!doctype\b`, 'gi');
// Named (&nbsp;), decimal (&#160;) and hex (&#xA0;) character references, with the semicolon.
const ENTITY = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});/g;

// "@" or a bracketed "at" ([at], (at), {at}); "." or a bracketed "dot". Unbracketed "name at domain dot
// com" is not matched: ordinary sentences contain "at" and "dot" too often.
const AT = String.raw`(?:@|\s*[[({]\s*at\s*[\])}]\s*)`;
const DOT = String.raw`(?:\.|\s*[[({]\s*dot\s*[\])}]\s*)`;
const EMAIL = new RegExp(
  String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+${AT}[A-Za-z0-9-]+(?:${DOT}[A-Za-z0-9-]+)*${DOT}[A-Za-z]{2,24}(?![A-Za-z0-9-])`,
  'gi',
);

// Top-level domains sellers actually write. A closed list is what keeps "invoice.pdf", "e.g." and
// "Dr.Smith" out; the TLD must be written in lower case ("thanks.In" is a typo, not a domain).
const TLDS = [
  'com', 'net', 'org', 'info', 'biz', 'shop', 'store', 'online', 'site', 'app', 'dev', 'io', 'co', 'me',
  'eu', 'de', 'at', 'ch', 'uk', 'fr', 'es', 'it', 'nl', 'be', 'pl', 'se', 'ie', 'tr', 'us', 'ca', 'mx',
  'br', 'jp', 'au', 'sg', 'in', 'ae', 'sa', 'eg', 'za', 'ly', 'gl', 'to', 'link',
].join('|');
const TRAILING = /[.,;:!?)\]}'"»”’]+$/;
const URL_LIKE = new RegExp(
  String.raw`\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:${TLDS})(?![\w-])(?:[/?#][^\s<>"]*)?`,
  'gi',
);
const BARE_TLD = new RegExp(String.raw`\.(?:${TLDS})(?:[/?#]|$)`);

function all(text: string, re: RegExp): { match: string; index: number }[] {
  const out: { match: string; index: number }[] = [];
  for (const m of text.matchAll(re)) out.push({ match: m[0], index: m.index ?? 0 });
  return out;
}

function overlaps(a: { index: number; match: string }, b: { index: number; match: string }): boolean {
  return a.index < b.index + b.match.length && b.index < a.index + a.match.length;
}

function links(text: string): { match: string; index: number }[] {
  const out: { match: string; index: number }[] = [];
  for (const found of all(text, URL_LIKE)) {
    const match = found.match.replace(TRAILING, '');
    const explicit = /^(?:https?:\/\/|www\.)/i.test(match);
    // A bare domain counts only when its TLD is written in lower case.
    if (!explicit) {
      const host = match.split(/[/?#]/, 1)[0] ?? '';
      if (!BARE_TLD.test(host)) continue;
    }
    if (match.length > 0) out.push({ match, index: found.index });
  }
  return out;
}

export function checkCompliance(text: string): ComplianceResult {
  const errors: Finding[] = [];
  for (const f of all(text, TAG)) errors.push({ kind: 'html-tag', key: 'msg_compliance_html', ...f });
  for (const f of all(text, ENTITY)) errors.push({ kind: 'html-entity', key: 'msg_compliance_html_entity', ...f });
  const emails = all(text, EMAIL);
  for (const f of emails) errors.push({ kind: 'email', key: 'msg_compliance_email', ...f });
  // A link inside an email address or an HTML tag is already refused as such; do not report it twice.
  const warnings: Finding[] = links(text)
    .filter((l) => !errors.some((e) => overlaps(e, l)))
    .map((f) => ({ kind: 'link', key: 'msg_compliance_link', ...f }));
  errors.sort((a, b) => a.index - b.index);
  return { errors, warnings };
}
