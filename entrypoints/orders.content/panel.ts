import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { findActionBar } from '../../lib/seller-central/selectors';
import { askMarketplace } from './ask-marketplace';
import { marketplaceQuestion, pageMerchant, rememberMarketplace } from './page';
import { ask } from '../../lib/ask';
import { GRANT_FRAGMENT, isFrameMessage, type PageConnection, type PageOrder } from '../../lib/protocol';
import { PANEL_CSS } from './panel-css';
import { copyNeighbourLook, floatingSpot } from './placement';

function msg(key: string, subs?: string[]): string {
  return (browser.i18n.getMessage as (k: string, s?: string[]) => string)(key, subs) || key;
}

type Movable = Element & { moveBefore?: (node: Node, child: Node | null) => void };

/**
 * The Message buyer button and the panel. Kept to plain DOM: this script loads on every Seller Central
 * page, so it carries no framework, validator or API client. The composer itself is an extension page
 * framed in the panel; the page cannot read it, and attachments go from the seller's disk straight into
 * the extension's own storage. The shadow root is closed, so the page's scripts cannot find the frame or
 * its address; the frame gets a one-time admission token from the background in its address's fragment.
 *
 * Placement: the control is shown the moment the order is known (from the URL), with no wait. It sits in
 * the order's action bar beside Amazon's own buttons when the bar is there, and floats in a corner where it
 * covers none of the page's controls until the bar appears (a slow page, the new Seller Central). The app
 * may throw the bar away and render a new one: the same host element follows it.
 */
export function createOrderPanel(ctx: ContentScriptContext) {
  let order: PageOrder | undefined;
  let host: HTMLElement | undefined;
  let shadow: ShadowRoot | undefined;

  function remove() {
    host?.remove();
    host = undefined;
    shadow = undefined;
  }

  function composerUrl(token: string, segment?: string): string {
    const params = new URLSearchParams({ orderId: order!.orderId, marketplaceId: order!.marketplaceId });
    if (segment) params.set('type', segment);
    return `${browser.runtime.getURL('/composer.html')}?${params.toString()}#${GRANT_FRAGMENT}=${token}`;
  }

  function create(): HTMLElement {
    const el = document.createElement('order-courier-panel');
    // delegatesFocus: focusing the host (from the page or a test) focuses the button.
    // Closed: the page's scripts get null from host.shadowRoot, so they cannot reach the composer frame.
    shadow = el.attachShadow({ mode: 'closed', delegatesFocus: true });
    // Keys typed in the panel must not trigger Seller Central's own shortcuts.
    for (const type of ['keydown', 'keyup', 'keypress']) el.addEventListener(type, (e) => e.stopPropagation());
    const style = document.createElement('style');
    style.textContent = PANEL_CSS;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'open';
    button.textContent = msg('panel_messageBuyer');
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', () => {
      // After an update or reload of the extension this script is cut off from it: anything it tried now
      // would throw "Extension context invalidated". Step aside; the page's next load runs the new script.
      if (ctx.isInvalid) return location.reload();
      const question = marketplaceQuestion(location.href);
      if (!question || !shadow) return void open();
      askMarketplace(shadow, question.host, question.region, button, (marketplaceId) => {
        void rememberMarketplace(question.host, marketplaceId).catch(() => undefined);
        void open();
      });
    });
    shadow.append(style, button);
    return el;
  }

  /** Puts the control where it belongs now: into the action bar when there is one, else floating. */
  function place() {
    if (!order || !host) return;
    // An open composer stays where the seller sees it: moving its frame while it is open makes it briefly
    // invisible to its own visibility check, and a click right after would be refused. It moves on close.
    const bar = findActionBar(document).found;
    if (bar) {
      if (host.parentNode === bar) return;
      const target = bar as Movable;
      host.style.cssText = '';
      host.dataset.placement = 'bar';
      // An atomic move keeps an open composer frame as it is (moving it otherwise reloads it).
      if (host.isConnected && typeof target.moveBefore === 'function') target.moveBefore(host, null);
      else bar.append(host);
      copyNeighbourLook(host, bar);
      return;
    }
    if (host.isConnected && host.dataset.placement === 'floating') return;
    host.dataset.placement = 'floating';
    host.style.cssText = 'position:fixed;z-index:2147483646;right:24px;bottom:24px';
    const body = document.body as Movable;
    if (host.isConnected && typeof body.moveBefore === 'function') body.moveBefore(host, null);
    else document.body.append(host);
    host.style.cssText = `position:fixed;z-index:2147483646;${floatingSpot(host)}`;
  }

  /** The drawer around whatever the panel shows: a dialog with the order in its title and a close button. */
  function drawerShell(): { drawer: HTMLElement; header: HTMLElement } {
    shadow!.querySelector('.drawer')?.remove();
    const drawer = document.createElement('section');
    drawer.className = 'drawer';
    drawer.setAttribute('role', 'dialog');
    drawer.setAttribute('aria-label', msg('panel_title', [order!.orderId]));
    const header = document.createElement('header');
    const title = document.createElement('h2');
    title.textContent = msg('panel_title', [order!.orderId]);
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = '×';
    close.setAttribute('aria-label', msg('app_close'));
    const button = shadow!.querySelector<HTMLButtonElement>('button.open');
    const closeDrawer = () => {
      // Focus goes back to the control before the composer's frame goes: a key still travelling to the
      // frame (the release of the Escape that closed it) must find a live target.
      button?.setAttribute('aria-expanded', 'false');
      button?.focus();
      drawer.dispatchEvent(new Event('remove'));
      drawer.remove();
    };
    close.addEventListener('click', closeDrawer);
    drawer.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') closeDrawer();
    });
    // Escape pressed inside the composer arrives from its frame; only that frame may close the panel.
    const onFrameMessage = (e: MessageEvent) => {
      const frame = drawer.querySelector('iframe');
      if (frame && e.source === frame.contentWindow && isFrameMessage(e.data)) closeDrawer();
    };
    window.addEventListener('message', onFrameMessage);
    drawer.addEventListener('remove', () => window.removeEventListener('message', onFrameMessage));
    header.append(title, close);
    drawer.append(header);
    shadow!.append(drawer);
    button?.setAttribute('aria-expanded', 'true');
    return { drawer, header };
  }

  function actionButton(label: string, onClick: () => void): HTMLButtonElement {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  /** Uses `connectionId` for this page from now on (remembered per host and merchant) and reopens. */
  async function choose(connectionId: string, segment?: string): Promise<void> {
    try {
      await ask('page.chooseConnection', { connectionId, ...merchantOf() });
    } catch {
      return;
    }
    await open(segment);
  }

  /** Several connections fit and none was chosen, or none fits: the panel says so instead of a composer. */
  function connectionStep(pick: Exclude<PageConnection, { kind: 'chosen' }>, segment?: string): void {
    const { drawer } = drawerShell();
    const body = document.createElement('div');
    body.className = 'connection-step';
    const text = document.createElement('p');
    body.append(text);
    if (pick.kind === 'ask') {
      text.textContent = msg('panel_chooseConnection');
      for (const c of pick.candidates) body.append(actionButton(c.name, () => void choose(c.id, segment)));
    } else {
      text.textContent = pick.region ? msg('panel_missingConnection', [msg(`opt_region_${pick.region}`)]) : msg('panel_missingConnectionAny');
      body.append(actionButton(msg('panel_openOptions'), () => void ask('page.openOptions', {}).catch(() => undefined)));
    }
    drawer.append(body);
    body.querySelector('button')?.focus();
  }

  const merchantOf = (): { merchant?: string } => {
    const merchant = pageMerchant(location.href);
    return merchant ? { merchant } : {};
  };

  async function open(segment?: string): Promise<boolean> {
    if (!order || !shadow) return false;
    const forOrder = order;
    let token: string;
    let pick: PageConnection;
    try {
      pick = await ask('page.connection', merchantOf());
      if (pick.kind !== 'chosen') {
        if (order?.orderId !== forOrder.orderId || !shadow) return false;
        connectionStep(pick, segment);
        return true;
      }
      ({ token } = await ask('composer.admit', { ...forOrder, connectionId: pick.connection.id }));
    } catch {
      return false;
    }
    // The page may have moved on while the background answered.
    if (order?.orderId !== forOrder.orderId || !shadow) return false;
    const { drawer } = drawerShell();
    // Which connection the composer acts for, and the others that serve this page too.
    const using = document.createElement('p');
    using.className = 'connection';
    using.dataset.connection = pick.connection.id;
    using.textContent = msg('panel_connection', [pick.connection.name]);
    for (const other of pick.others) using.append(' ', actionButton(msg('panel_switchTo', [other.name]), () => void choose(other.id, segment)));
    const frame = document.createElement('iframe');
    frame.title = msg('panel_composerFrame');
    frame.src = composerUrl(token, segment);
    frame.addEventListener('load', () => frame.focus());
    drawer.append(using, frame);
    return true;
  }

  function showFor(next: PageOrder | undefined) {
    if (next && order && next.orderId === order.orderId && host) {
      order = next;
      return place();
    }
    remove();
    order = next;
    if (!order) return;
    host = create();
    place();
  }

  /** Follows the page's re-renders: into the bar when it appears, back into a bar that replaced the old one. */
  function keepMounted() {
    place();
  }

  ctx.onInvalidated(remove);
  return { showFor, open, keepMounted };
}
