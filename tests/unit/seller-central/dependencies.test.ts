/**
 * lib/seller-central runs in the content script on every Seller Central page: it must stay tiny and
 * must not pull in the schema validator, spark-md5, the messaging domain or anything with credentials.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../../../lib/seller-central/', import.meta.url);

describe('lib/seller-central imports', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports only its siblings and lib/marketplaces', (file) => {
    const src = readFileSync(new URL(file, DIR), 'utf8');
    const specifiers = [...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...src.matchAll(/import\(\s*['"]([^'"]+)['"]/g)].map(
      (m) => m[1],
    );
    for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(/^(?:\.\/[a-z-]+|\.\.\/marketplaces)$/);
  });

  it('stays small', () => {
    const total = files.reduce((n, f) => n + readFileSync(new URL(f, DIR), 'utf8').length, 0);
    expect(total).toBeLessThan(24_000);
  });
});
