import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadCatalogue } from '../../../scripts/locales';

const root = join(__dirname, '../../..');
const catalogues = Object.fromEntries(LANGUAGES.map((lang) => [lang, loadCatalogue(root, lang)]));
const en = catalogues.en!;

function placeholders(message: string): string[] {
  return [...new Set(message.match(/\$\d/g) ?? [])].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('message catalogues', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every English key and no other', (lang) => {
    expect(Object.keys(catalogues[lang]!).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s uses the same substitutions as English in every message', (lang) => {
    const differing = Object.keys(en).filter(
      (key) => placeholders(en[key]!.message).join() !== placeholders(catalogues[lang]![key]!.message).join(),
    );
    expect(differing).toEqual([]);
  });

  it('has a message for every literal key the code passes to t()', () => {
    const files = ['components', 'entrypoints', 'lib'].flatMap((d) => sourceFiles(join(root, d)));
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b(?:t|msg)\(\s*'([a-zA-Z][\w]*)'/g)) {
        if (!(match[1]! in en)) missing.push(`${file.slice(root.length)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no message left untranslated in German or Turkish (identical to English)', () => {
    // Brand names, single words that are the same in both languages ("Region") and strings made only of
    // placeholders or codes may stay the same; a whole English sentence may not.
    const sameAllowed = /^(Order Courier|[^\s]+|[$\d\sA-Z0-9_()\-.:/]+)$/;
    for (const lang of ['de', 'tr']) {
      const same = Object.keys(en).filter((k) => catalogues[lang]![k]!.message === en[k]!.message && !sameAllowed.test(en[k]!.message));
      expect(same, lang).toEqual([]);
    }
  });
});
