import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALUE_LABEL_KEYS } from '../../../lib/notifications/labels';

const ROOT = join(__dirname, '../../..');
const LANGS = ['en', 'de', 'tr'] as const;
type Catalogue = Record<string, { message: string }>;
const catalogues = Object.fromEntries(
  LANGS.map((lang) => [lang, JSON.parse(readFileSync(join(ROOT, 'locales', lang, 'notifications.json'), 'utf8')) as Catalogue]),
) as Record<(typeof LANGS)[number], Catalogue>;

/** Every literal ntf_ key in the module sources; prefixes (ending in _) are covered by VALUE_LABEL_KEYS. */
function keysUsedInCode(): string[] {
  const dir = join(ROOT, 'lib/notifications');
  const keys = new Set<string>(VALUE_LABEL_KEYS);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/'(ntf_[A-Za-z0-9_]*[A-Za-z0-9])'/g)) keys.add(m[1]!);
  }
  return [...keys];
}

const placeholders = (text: string) => (text.match(/\$\d/g) ?? []).sort();

describe('notification locale catalogues', () => {
  it('have the same keys in every language', () => {
    const en = Object.keys(catalogues.en).sort();
    expect(Object.keys(catalogues.de).sort()).toEqual(en);
    expect(Object.keys(catalogues.tr).sort()).toEqual(en);
  });

  it('contain every key the code uses', () => {
    const used = keysUsedInCode();
    expect(used.length).toBeGreaterThan(50);
    for (const lang of LANGS) expect(used.filter((k) => !(k in catalogues[lang])), lang).toEqual([]);
  });

  it('use valid, ntf_-prefixed names that stay distinct case-insensitively (Chrome ignores case)', () => {
    const keys = Object.keys(catalogues.en);
    for (const key of keys) expect(key).toMatch(/^ntf_[A-Za-z0-9_]+$/);
    expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
  });

  it('keep the same placeholders in every translation and no stray $', () => {
    for (const [key, { message }] of Object.entries(catalogues.en)) {
      for (const lang of LANGS) {
        const text = catalogues[lang][key]?.message ?? '';
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(message));
        expect(text.replace(/\$\d/g, ''), `${lang} ${key}`).not.toContain('$');
      }
    }
  });

  it('are actually translated', () => {
    for (const lang of ['de', 'tr'] as const) {
      const same = Object.keys(catalogues.en).filter((k) => catalogues[lang][k]?.message === catalogues.en[k]?.message);
      expect(same, lang).toEqual([]);
    }
  });
});
