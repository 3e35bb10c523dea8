/**
 * Loads the Seller Central fixtures into a DOM (linkedom, which WXT already depends on) and runs their own
 * inline script at a given URL, the way a browser would. The fixtures render every view client-side, so
 * the caller advances (fake) timers to let the view appear.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { parseHTML } from 'linkedom';

const DIR = new URL('../../fixtures/seller-central/', import.meta.url);

export type FixtureName = 'classic.html' | 'new.html' | 'hand-made/order-detail.html' | 'hand-made/order-list.html' | 'hand-made/order-detail-europe.html';

export function fixtureHtml(name: FixtureName, orderId = '902-3159896-1390916'): string {
  return readFileSync(new URL(name, DIR), 'utf8').replaceAll('{{orderId}}', orderId);
}

/** The fixture's markup as served, without running its script. */
export function fixtureDom(name: FixtureName, orderId?: string) {
  return parseHTML(fixtureHtml(name, orderId));
}

/** linkedom's Document is structurally a DOM Document for what the finders use. */
export function asDocument(doc: unknown): Document {
  return doc as Document;
}

/** The fixture with its script running at `url`; `click(href)` follows an in-app link. */
export function bootFixture(name: FixtureName, url: string) {
  const { document, window } = fixtureDom(name);
  const location = new URL(url);
  let reloads = 0;
  const history = {
    pushState(_state: unknown, _title: string, next: string) {
      location.href = new URL(next, location.href).href;
    },
  };
  const script = [...document.querySelectorAll('script')].find((s) => !s.getAttribute('type'));
  if (!script) throw new Error(`${name} has no inline script`);
  runInNewContext(script.textContent ?? '', {
    document,
    window: { addEventListener: window.addEventListener.bind(window) },
    history,
    location,
    Element: window.Element,
    URLSearchParams,
    setTimeout,
    clearTimeout,
    Number,
  });
  const click = (href: string) => {
    const link = document.querySelector(`a[data-spa][href="${href}"]`);
    if (!link) throw new Error(`no link to ${href}`);
    const event = new window.Event('click', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'button', { value: 0 });
    link.dispatchEvent(event);
    if (!event.defaultPrevented) reloads++; // a real browser would have loaded a new page
  };
  return { document: asDocument(document), location, click, reloads: () => reloads };
}
