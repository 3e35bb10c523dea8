import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask, AskError } from '../../lib/ask';
import { t, uiLanguage } from '../../lib/i18n';
import { GRANT_FRAGMENT, type Explained, type FrameMessage } from '../../lib/protocol';
import { createComposerStore } from '../../lib/ui/composer-store';
import { createReviewStore } from '../../lib/ui/review-store';
import { backgroundDrafts, backgroundStatusEvents } from '../../lib/ui/background-drafts';
import { framingProblem, REFUSED_TOKEN } from '../../lib/ui/admission';
import { createVisibilityGate, observeVisibility, type VisibilityGate } from '../../lib/ui/visibility';
import { ComposerApp } from '../../components/composer/ComposerApp';
import { ErrorNote } from '../../components/common/ErrorNote';
import '../../components/common/base.css';
import './composer.css';

const params = new URLSearchParams(location.search);
const orderId = params.get('orderId') ?? '';
// Framed by the order-page panel (or by anyone else: then it must prove otherwise before it acts).
// Opened as a tab from the popup it is a top-level extension page, which no page can cover or frame.
const embedded = window.parent !== window;
// The one-time admission token; dropped from the address at once, so the frame's address does not carry it.
const token = new URLSearchParams(location.hash.slice(1)).get(GRANT_FRAGMENT) ?? '';
if (location.hash) history.replaceState(null, '', location.pathname + location.search);
document.documentElement.lang = uiLanguage();
document.title = t('panel_title', [orderId]);

async function admission(): Promise<Explained | undefined> {
  if (!embedded) return undefined;
  const problem = framingProblem(location.ancestorOrigins ? [...location.ancestorOrigins] : undefined, token);
  if (problem) return problem;
  try {
    await ask('composer.redeem', { token, orderId });
    return undefined;
  } catch (e) {
    return e instanceof AskError && e.explained.key !== 'app_composerNotAdmitted' ? e.explained : REFUSED_TOKEN;
  }
}

function Refused({ reason }: { reason: Explained }) {
  return (
    <main class="composer" aria-labelledby="composer-title">
      <h1 id="composer-title">{t('panel_title', [orderId])}</h1>
      <ErrorNote error={reason} />
    </main>
  );
}

/**
 * Firefox gives an extension page framed in a web page a reduced API without runtime.openOptionsPage
 * (measured in Firefox 153); the options page opened in a new tab is the same page.
 */
function openSettings() {
  if (typeof browser.runtime.openOptionsPage === 'function') void browser.runtime.openOptionsPage();
  else window.open(browser.runtime.getURL('/options.html'), '_blank');
}

async function start() {
  const refused = await admission();
  if (refused) {
    render(<Refused reason={refused} />, document.getElementById('app')!);
    return;
  }
  let gate: VisibilityGate | undefined;
  if (embedded) {
    gate = createVisibilityGate({ now: () => performance.now(), wait: (ms) => new Promise((r) => setTimeout(r, ms)) });
    observeVisibility(document.body, gate);
  }
  // A page that did not name the marketplace falls back to the seller's default.
  let marketplaceId = params.get('marketplaceId') ?? '';
  if (!marketplaceId) marketplaceId = (await ask('connection.get', {})).defaultMarketplaceId ?? '';
  const store = createComposerStore({
    orderId,
    marketplaceId,
    initialSegment: params.get('type') ?? undefined,
    ask,
    drafts: backgroundDrafts(ask, orderId),
    newId: () => crypto.randomUUID(),
    mayAct: gate?.mayAct,
  });
  const review = createReviewStore({ orderId, marketplaceId, ask, mayAct: gate?.mayAct });
  render(
    <ComposerApp store={store} review={review} embedded={embedded} onOpenSettings={openSettings} />,
    document.getElementById('app')!,
  );
  // Follow the order's sends from the start: the background may finish one this page did not start.
  store.follow(backgroundStatusEvents);
  review.follow(backgroundStatusEvents);
  await store.load();
  // After the messages, and only when they loaded: the review state costs calls of its own.
  if (!store.loadError.value) await review.load();
}

if (embedded) {
  // The panel around this frame closes on Escape, as a dialog should; the frame tells it so.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') window.parent.postMessage({ orderCourier: 'close' } satisfies FrameMessage, '*');
  });
}

void start();
