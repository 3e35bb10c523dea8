import { browser } from 'wxt/browser';
import { resolveLabel, type Label } from './messaging/label';

// The catalogues are merged at build time (wxt.config.ts), so the generated key union does not know them.
const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string | string[]) => string;

/**
 * Every user-facing string goes through the extension's message catalogues (`locales/<lang>/*.json`).
 * A missing key is a bug, so it shows as the key itself rather than as an empty label.
 */
export function t(key: string, substitutions?: string | string[]): string {
  const text = getMessage(key, substitutions);
  return text === '' ? key : text;
}

/** Amazon's own wording as it came, or one of our keys translated. */
export function tl(label: Label): string {
  return resolveLabel(label, t);
}

/**
 * The language of the catalogue the browser picked (e.g. "de"). Not getUILanguage(): with only English
 * browser resources installed, Chromium answers "en-US" under --lang=de while it serves the German
 * catalogue, and every word on screen is the catalogue's. Each catalogue names its own language.
 */
export function uiLanguage(): string {
  return getMessage('catalogueLanguage') || browser.i18n.getUILanguage();
}

/**
 * A message that depends on a count: `<key>_<plural category>` by the UI language's plural rules
 * (Intl.PluralRules), falling back to `<key>_other`. The count is the first substitution.
 */
export function tp(key: string, count: number, more: string[] = []): string {
  const category = new Intl.PluralRules(uiLanguage()).select(count);
  const subs = [new Intl.NumberFormat(uiLanguage()).format(count), ...more];
  const text = getMessage(`${key}_${category}`, subs);
  return text === '' ? t(`${key}_other`, subs) : text;
}
