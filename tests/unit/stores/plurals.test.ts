/**
 * Counted messages (`tp()` in lib/i18n.ts) pick `<key>_<category>` by Intl.PluralRules: each catalogue
 * must hold a message for every category its language uses for whole counts, so no UI falls back to a
 * wrong form (or to "type(s)").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadCatalogue } from '../../../scripts/locales';

const root = join(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const counted = [...new Set(
  ['components', 'entrypoints', 'lib']
    .flatMap((d) => sourceFiles(join(root, d)))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\btp\(\s*'([a-zA-Z]\w*)'/g)].map((m) => m[1]!)),
)];

describe('counted messages', () => {
  it('are used', () => {
    expect(counted).toContain('cmp_unsupportedTitle');
  });

  it.each(LANGUAGES)('%s has a form for every plural category of whole counts', (lang) => {
    const catalogue = loadCatalogue(root, lang);
    const rules = new Intl.PluralRules(lang);
    const categories = [...new Set(Array.from({ length: 201 }, (_, n) => rules.select(n)))];
    const missing = counted.flatMap((key) => categories.filter((c) => !(`${key}_${c}` in catalogue)).map((c) => `${key}_${c}`));
    expect(missing).toEqual([]);
    // No "(s)", "(en)" or "(r)" stand-ins for a plural.
    expect(Object.entries(catalogue).filter(([, m]) => /\w\((s|en|r|e|n)\)/.test(m.message)).map(([k]) => k)).toEqual([]);
  });
});
