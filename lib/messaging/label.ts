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
