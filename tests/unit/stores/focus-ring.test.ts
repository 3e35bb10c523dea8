/**
 * The keyboard focus ring must stand out at 3:1 (WCAG 2.1, 1.4.11 non-text contrast) against every
 * background it is drawn on. The ring sits outside the focused control (outline-offset), so it is drawn
 * on the backgrounds of the regions around controls: every background the extension's stylesheets
 * declare for a non-button element, and the white of the pages themselves and of Seller Central.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const STYLESHEETS = [
  'components/common/base.css',
  'components/notifications/notifications.css',
  'entrypoints/composer/composer.css',
  'entrypoints/options/options.css',
  'entrypoints/popup/popup.css',
  // The order-page button and panel, inline in the content script's shadow root.
  'entrypoints/orders.content/panel-css.ts',
];

interface Rule {
  file: string;
  selector: string;
  body: string;
}

function rules(file: string): Rule[] {
  const text = readFileSync(resolve(file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/([^{}`]+)\{([^{}]*)\}/g)].map((m) => ({ file, selector: m[1]!.trim(), body: m[2]! }));
}

function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const all = STYLESHEETS.flatMap(rules);
const rings = all
  .filter((r) => r.selector.includes(':focus'))
  .map((r) => ({ where: `${r.file} ${r.selector}`, colour: /outline:[^;]*?(#[0-9a-f]{3,6})\b/i.exec(r.body)?.[1] }));
const backgrounds = [
  { where: 'page (extension pages, Seller Central)', colour: '#ffffff' },
  ...all
    .filter((r) => !/\bbutton\b/.test(r.selector))
    .flatMap((r) => [...r.body.matchAll(/background(?:-color)?:\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => ({ where: `${r.file} ${r.selector}`, colour: m[1]! }))),
];

describe('focus ring contrast', () => {
  it('finds the rings and the backgrounds in the stylesheets', () => {
    expect(rings.length).toBeGreaterThanOrEqual(2);
    expect(rings.every((r) => r.colour), JSON.stringify(rings)).toBe(true);
    expect(backgrounds.length).toBeGreaterThan(5);
  });

  it('reaches 3:1 against every background it is drawn on', () => {
    const low = rings.flatMap((ring) =>
      backgrounds
        .map((bg) => ({ ring: ring.where, background: bg.where, ratio: Math.round(contrast(ring.colour!, bg.colour) * 100) / 100 }))
        .filter((x) => x.ratio < 3),
    );
    expect(low).toEqual([]);
  });

  it('computes contrast as WCAG defines it', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
