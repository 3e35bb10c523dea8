/**
 * Message catalogues live in `locales/<lang>/<area>.json` (one file per feature area, so features never
 * edit the same file) and are merged into `_locales/<lang>/messages.json` at build time.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ChromeMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, ChromeMessage>;

export const LANGUAGES = ['en', 'de', 'tr'] as const;

export function loadCatalogue(root: string, lang: string): Catalogue {
  const dir = join(root, 'locales', lang);
  const merged: Catalogue = {};
  if (!existsSync(dir)) return merged;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const part = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalogue;
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`Message "${key}" is defined twice in locales/${lang} (again in ${file})`);
      merged[key] = value;
    }
  }
  return merged;
}
