/** Loads the hand-written Seller Central fixtures into a DOM (linkedom, which WXT already depends on). */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';

const DIR = new URL('../../fixtures/seller-central/', import.meta.url);

export type FixtureName = 'order-detail.html' | 'order-list.html' | 'order-detail-europe.html';

/** The fixture's HTML with `{{orderId}}` replaced, as the test server serves it. */
export function fixtureHtml(name: FixtureName, orderId = '902-3159896-1390916'): string {
  return readFileSync(new URL(name, DIR), 'utf8').replaceAll('{{orderId}}', orderId);
}

export function fixtureDom(name: FixtureName, orderId?: string) {
  return parseHTML(fixtureHtml(name, orderId));
}

/** linkedom's Document is structurally a DOM Document for what the finders use. */
export function asDocument(doc: unknown): Document {
  return doc as Document;
}
