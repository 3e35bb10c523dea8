/**
 * Every catalogue key the messaging and Seller Central code can hand to the UI exists in English,
 * German and Turkish, with the same substitutions, in Chrome's messages.json format.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES, RETIRED_TYPES, UNKNOWN_TYPE_REASON } from '../../../lib/messaging/message-types';
import { LANGUAGES, loadCatalogue, type Catalogue } from '../../../scripts/locales';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = ['lib/messaging', 'lib/seller-central'];

function sourceKeys(): Set<string> {
  const keys = new Set<string>();
  for (const dir of FILES) {
    for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(join(ROOT, dir, f), 'utf8');
      for (const m of src.matchAll(/['"`](msg_[A-Za-z0-9_]+)['"`]/g)) keys.add(m[1]!);
    }
  }
  // Keys built at run time from the tables.
  for (const spec of Object.values(MESSAGE_TYPES)) keys.add(spec.labelKey).add(spec.explanationKey);
  for (const [segment, retired] of Object.entries(RETIRED_TYPES)) keys.add(`msg_type_${segment}`).add(retired.reasonKey);
  keys.add(UNKNOWN_TYPE_REASON).add('msg_form_coverageStartDate').add('msg_form_coverageEndDate');
  return keys;
}

const own = (lang: string): Catalogue =>
  JSON.parse(readFileSync(join(ROOT, 'locales', lang, 'messaging.json'), 'utf8')) as Catalogue;
const placeholders = (message: string) => [...message.matchAll(/\$(\d)/g)].map((m) => m[1]).sort();

describe('messaging catalogues', () => {
  const en = own('en');

  it('cover every key the code uses, in every language', () => {
    const used = sourceKeys();
    expect(used.size).toBeGreaterThan(40);
    for (const lang of LANGUAGES) {
      const catalogue = own(lang);
      const missing = [...used].filter((k) => !(k in catalogue));
      expect(missing, `missing in ${lang}`).toEqual([]);
    }
  });

  it('have the same keys and the same $n substitutions in every language', () => {
    for (const lang of LANGUAGES) {
      const catalogue = own(lang);
      expect(Object.keys(catalogue).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(en)) {
        expect(placeholders(catalogue[key]!.message), `${lang} ${key}`).toEqual(placeholders(entry.message));
      }
    }
  });

  it('are translated, not copied from English', () => {
    for (const lang of ['de', 'tr']) {
      const catalogue = own(lang);
      const same = Object.keys(en).filter((k) => catalogue[k]!.message === en[k]!.message);
      expect(same, lang).toEqual([]);
    }
  });

  it('use valid Chrome message keys, prefixed msg_, with no stray "$"', () => {
    for (const lang of LANGUAGES) {
      for (const [key, entry] of Object.entries(own(lang))) {
        expect(key).toMatch(/^msg_[A-Za-z0-9_]+$/);
        expect(typeof entry.message).toBe('string');
        expect(entry.message.trim()).not.toBe('');
        // "$" must start a $1–$9 substitution; anything else would need escaping as "$$".
        expect(entry.message.replace(/\$\d/g, ''), `${lang} ${key}`).not.toContain('$');
      }
    }
  });

  it('merge with the other catalogues without clashing keys', () => {
    for (const lang of LANGUAGES) {
      expect(() => loadCatalogue(ROOT, lang)).not.toThrow();
      // Chrome compares message names case-insensitively.
      const names = Object.keys(loadCatalogue(ROOT, lang)).map((k) => k.toLowerCase());
      expect(new Set(names).size, lang).toBe(names.length);
    }
  });
});
