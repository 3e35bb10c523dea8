import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainError, SPAPI_MESSAGE_KEYS } from '../../../lib/spapi';
import { EXAMPLES } from './error-examples';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
const LANGS = ['en', 'de', 'tr'] as const;
const load = (lang: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../locales', lang, 'spapi.json'), 'utf8')) as Record<string, Message>;
const catalogues = Object.fromEntries(LANGS.map((l) => [l, load(l)]));

/** What chrome.i18n.getMessage does with named placeholders and a substitution array. */
function render(m: Message, substitutions: string[]): string {
  return m.message
    .replace(/\$([a-z0-9_@]+)\$/gi, (_, name: string) => {
      const content = m.placeholders?.[name.toLowerCase()]?.content;
      if (content === undefined) throw new Error(`undefined placeholder $${name}$`);
      return content.replace(/\$(\d)/g, (__, i: string) => substitutions[Number(i) - 1] ?? '');
    })
    .replace(/\$\$/g, '$');
}

describe('locales/*/spapi.json', () => {
  it.each(LANGS)('%s has exactly the keys explainError can return, all prefixed spapi_', (lang) => {
    expect(Object.keys(catalogues[lang]!).sort()).toEqual(Object.keys(SPAPI_MESSAGE_KEYS).sort());
    for (const key of Object.keys(catalogues[lang]!)) expect(key).toMatch(/^spapi_[a-z0-9_]+$/);
  });

  it('every language uses the same placeholders, numbered $1..$n for the declared substitutions', () => {
    for (const [key, count] of Object.entries(SPAPI_MESSAGE_KEYS)) {
      const expected = Array.from({ length: count }, (_, i) => `$${i + 1}`);
      const shapes = LANGS.map((lang) => {
        const m = catalogues[lang]![key]!;
        const names = [...m.message.matchAll(/\$([a-z0-9_]+)\$/gi)].map((x) => x[1]).sort();
        const defined = Object.entries(m.placeholders ?? {}).map(([n, p]) => `${n}=${p.content}`).sort();
        expect(names.sort(), `${lang} ${key} uses every defined placeholder`).toEqual(Object.keys(m.placeholders ?? {}).sort());
        return defined;
      });
      expect(shapes[1], `de ${key}`).toEqual(shapes[0]);
      expect(shapes[2], `tr ${key}`).toEqual(shapes[0]);
      expect(shapes[0]!.map((d) => d.split('=')[1]).sort(), key).toEqual(expected);
    }
  });

  it('renders every example without leftover $ markers, and German/Turkish are translations', () => {
    for (const [err] of EXAMPLES) {
      const { key, substitutions } = explainError(err);
      const texts = LANGS.map((lang) => render(catalogues[lang]![key]!, substitutions));
      for (const t of texts) expect(t, key).not.toMatch(/\$/);
      for (const s of substitutions) for (const t of texts) expect(t, key).toContain(s);
      expect(texts[1], key).not.toEqual(texts[0]);
      expect(texts[2], key).not.toEqual(texts[0]);
    }
  });
});
