import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ask } from '../../lib/ask';
import { GRANT_FRAGMENT, isFrameMessage, type PageOrder } from '../../lib/protocol';
import { findAnchor, type Anchor } from '../../lib/seller-central/selectors';
import { PANEL_CSS } from './panel-css';

const ANCHOR_WAIT_MS = 3000;

function msg(key: string, subs?: string[]): string {
  return (browser.i18n.getMessage as (k: string, s?: string[]) => string)(key, subs) || key;
}

/**
 * The Message buyer button and the panel. Kept to plain DOM: this script loads on every Seller Central
 * page, so it carries no framework, validator or API client. The composer itself is an extension page
 * framed in the panel; the page cannot read it, and attachments go from the seller's disk straight into
 * the extension's own storage. The shadow root is closed, so the page's scripts cannot find the frame or
 * its address; the frame gets a one-time admission token from the background in its address's fragment.
 */
export function createOrderPanel(ctx: ContentScriptContext) {
  let order: PageOrder | undefined;
  let host: HTMLElement | undefined;
  let shadow: ShadowRoot | undefined;
  let stopWaiting: (() => void) | undefined;

  function remove() {
    stopWaiting?.();
    host?.remove();
    host = undefined;
    shadow = undefined;
  }

  function composerUrl(token: string, segment?: string): string {
    const params = new URLSearchParams({ orderId: order!.orderId, marketplaceId: order!.marketplaceId });
    if (segment) params.set('type', segment);
    return `${browser.runtime.getURL('/composer.html')}?${params.toString()}#${GRANT_FRAGMENT}=${token}`;
  }

  function mount(anchor: Anchor | undefined) {
    host = document.createElement('order-courier-panel');
    // Closed: the page's scripts get null from host.shadowRoot, so they cannot reach the composer frame.
    // Focus set on the host (by the page or the keyboard) goes to the button.
    shadow = host.attachShadow({ mode: 'closed', delegatesFocus: true });
    // Keys typed in the panel must not trigger Seller Central's own shortcuts.
    for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
    const style = document.createElement('style');
    style.textContent = PANEL_CSS;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = anchor ? 'open' : 'open floating';
    button.textContent = msg('panel_messageBuyer');
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', () => void open());
    shadow.append(style, button);
    if (anchor?.placement === 'append') anchor.element.append(host);
    else if (anchor) anchor.element.prepend(host);
    else document.body.append(host);
  }

  async function open(segment?: string): Promise<boolean> {
    if (!order || !shadow) return false;
    const forOrder = order;
    let token: string;
    try {
      ({ token } = await ask('composer.admit', forOrder));
    } catch {
      return false;
    }
    // The page may have moved on while the background answered.
    if (order !== forOrder || !shadow) return false;
    shadow.querySelector('.drawer')?.remove();
    const drawer = document.createElement('section');
    drawer.className = 'drawer';
    drawer.setAttribute('role', 'dialog');
    drawer.setAttribute('aria-label', msg('panel_title', [order.orderId]));
    const header = document.createElement('header');
    const title = document.createElement('h2');
    title.textContent = msg('panel_title', [order.orderId]);
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = '×';
    close.setAttribute('aria-label', msg('app_close'));
    const button = shadow.querySelector<HTMLButtonElement>('button.open');
    const closeDrawer = () => {
      drawer.dispatchEvent(new Event('remove'));
      drawer.remove();
      button?.setAttribute('aria-expanded', 'false');
      button?.focus();
    };
    close.addEventListener('click', closeDrawer);
    drawer.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') closeDrawer();
    });
    header.append(title, close);
    const frame = document.createElement('iframe');
    frame.title = msg('panel_composerFrame');
    frame.src = composerUrl(token, segment);
    frame.addEventListener('load', () => frame.focus());
    // Escape pressed inside the composer arrives from its frame; only that frame may close the panel.
    const onFrameMessage = (e: MessageEvent) => {
      if (e.source === frame.contentWindow && isFrameMessage(e.data)) closeDrawer();
    };
    window.addEventListener('message', onFrameMessage);
    drawer.addEventListener('remove', () => window.removeEventListener('message', onFrameMessage));
    drawer.append(header, frame);
    shadow.append(drawer);
    button?.setAttribute('aria-expanded', 'true');
    return true;
  }

  function showFor(next: PageOrder | undefined) {
    if (next && order && next.orderId === order.orderId && host?.isConnected) return;
    remove();
    order = next;
    if (!order) return;
    // The app renders the order's action bar after the URL changes (its "Loading…" view comes first and
    // is thrown away), so wait for the bar briefly; only then settle for the top of the page or float.
    const actionBar = () => {
      const found = findAnchor(document).found;
      return found?.placement === 'append' ? found : undefined;
    };
    const anchor = actionBar();
    if (anchor) return mount(anchor);
    const observer = new MutationObserver(() => {
      const found = actionBar();
      if (found) {
        stopWaiting?.();
        mount(found);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => {
      stopWaiting?.();
      mount(findAnchor(document).found);
    }, ANCHOR_WAIT_MS);
    stopWaiting = () => {
      observer.disconnect();
      clearTimeout(timer);
      stopWaiting = undefined;
    };
  }

  /** Puts the button back when the app's re-render removed it (the drawer's draft is kept by the background). */
  function keepMounted() {
    if (!order || stopWaiting || !host || host.isConnected) return;
    const wasOpen = Boolean(shadow?.querySelector('.drawer'));
    showFor(order);
    // The composer frame reloads in the new panel; its draft is kept by the background.
    if (wasOpen && host?.isConnected) void open();
  }

  ctx.onInvalidated(remove);
  return { showFor, open, keepMounted };
}
