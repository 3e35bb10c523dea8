/**
 * Text the UI shows is either Amazon's own wording (schema titles arrive already written, in whatever
 * language Amazon chose) or one of our catalogue keys. Keeping the two apart in the type means the UI
 * cannot forget to translate a key, nor run Amazon's text through `t()`.
 *
 * This folder never imports `lib/i18n.ts` itself: that pulls in the browser API, and the domain code
 * must run in plain Node tests and in any extension context.
 */
export type I18nKey = `msg_${string}`;

export type Label = { text: string } | { key: I18nKey; substitutions?: string[] };

export function keyLabel(key: I18nKey, substitutions?: string[]): Label {
  return substitutions === undefined ? { key } : { key, substitutions };
}

/** Render a label with the caller's translator (normally `t` from `lib/i18n.ts`). */
export function resolveLabel(label: Label, translate: (key: string, subs?: string[]) => string): string {
  return 'text' in label ? label.text : translate(label.key, label.substitutions);
}

const DEVELOPER_CLAUSE = /,?\s*which (?:can|may) be (?:retrieved|obtained|found) (?:from|with|using|by calling) the \w+ operation/gi;
const DEVELOPER_WORDS = /\b(?:operations?|APIs?|endpoints?|schema|JSON|uploadDestinationId)\b|\b(?:[Gg]et|[Cc]reate|[Ss]end)[A-Z]\w*/;

/**
 * Amazon's schema descriptions, as they speak to sellers: clauses and sentences written for developers
 * (operation names, API terms) are left out. Undefined when nothing is left.
 */
export function sellerFacing(description: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  const sentences = description.replace(DEVELOPER_CLAUSE, '').split(/(?<=[.!?])\s+/);
  const kept = sentences.map((x) => x.trim()).filter((x) => x !== '' && !DEVELOPER_WORDS.test(x));
  return kept.length > 0 ? kept.join(' ') : undefined;
}
