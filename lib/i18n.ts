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

/** The UI language the browser chose for this extension (e.g. "de"). */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
