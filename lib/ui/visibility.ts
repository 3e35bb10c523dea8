/**
 * Whether a click in the framed composer counts. A page that frames the panel can make the composer
 * invisible (opacity 0, a clip, a decoy laid over it with pointer-events: none) and place it under the
 * seller's pointer, so that a click meant for the page lands on Send. IntersectionObserver v2 reports,
 * for the composer's own document, whether it is really visible: not occluded by anything, not faded,
 * filtered or transformed by an ancestor, in any frame up to the top. A click counts only when the
 * composer was visible for a while before it and nothing reported it hidden around it.
 */
import type { Explained } from '../protocol';

/** The seller must have been able to see the composer this long before clicking. */
export const MIN_VISIBLE_MS = 500;
/** The observer's `delay`: IntersectionObserver v2 computes visibility at most this often (100 is its least). */
export const DELAY_MS = 100;
/**
 * The observer reports a change up to its `delay` (100 ms) plus a frame after it happened, so a page that
 * hides the composer just before a click is only known a little later; the decision waits that long.
 */
export const SETTLE_MS = 200;

export const HIDDEN_REFUSED: Explained = { key: 'cmp_hiddenRefused', substitutions: [] };

export interface VisibilityGate {
  /** One observer report: at `time` (performance.now's clock) the composer was or was not visible. */
  record(time: number, visible: boolean): void;
  /** Call at the click: resolves to why the click does not count, or undefined when it does. */
  mayAct(): Promise<Explained | undefined>;
}

export function createVisibilityGate(clock: { now(): number; wait(ms: number): Promise<void> }): VisibilityGate {
  const reports: Array<{ time: number; visible: boolean }> = [];

  function visibleThroughout(from: number, to: number): boolean {
    // Unknown until the first report, and unknown is hidden.
    let visible = false;
    for (const r of reports) {
      if (r.time <= from) visible = r.visible;
      else if (r.time <= to && !r.visible) return false;
    }
    return visible;
  }

  return {
    record(time, visible) {
      reports.push({ time, visible });
      reports.sort((a, b) => a.time - b.time);
      if (reports.length > 100) reports.splice(0, reports.length - 100);
    },
    async mayAct() {
      const clickedAt = clock.now();
      await clock.wait(SETTLE_MS);
      return visibleThroughout(clickedAt - MIN_VISIBLE_MS, clickedAt + SETTLE_MS) ? undefined : HIDDEN_REFUSED;
    },
  };
}

interface VisibilityEntry {
  time: number;
  isVisible?: boolean;
}

/**
 * Feeds the gate from an IntersectionObserver v2 on `target`. Where the browser has no v2 (Firefox 153
 * reports no `isVisible`), the plain observer still tells whether the composer is inside the seller's
 * viewport at all, which stops a page from moving it off-screen, though not from fading, clipping or
 * covering it: the README says so.
 */
export function observeVisibility(target: Element, gate: VisibilityGate): () => void {
  const trackable = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;
  const observer = new IntersectionObserver(
    (entries) => {
      // A tab in the background hides the composer too, but the page cannot do that, and a seller who
      // comes back to the tab and clicks at once meant to: only what happens in a shown tab counts.
      if (document.visibilityState !== 'visible') return;
      for (const e of entries as unknown as Array<VisibilityEntry & IntersectionObserverEntry>) {
        gate.record(e.time, trackable ? e.isVisible === true : e.isIntersecting);
      }
    },
    (trackable ? { trackVisibility: true, delay: DELAY_MS } : { threshold: [0] }) as IntersectionObserverInit,
  );
  observer.observe(target);
  return () => observer.disconnect();
}
