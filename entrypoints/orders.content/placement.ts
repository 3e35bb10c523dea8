/**
 * How the Message buyer control fits the page: the look of the buttons beside it in the action bar, and a
 * corner for the floating control that covers none of the page's own controls.
 */

const CONTROLS = 'a[href],button,input,select,textarea,summary,label,[role="button"],[role="link"],[tabindex],[contenteditable=""],[contenteditable="true"]';

/**
 * Seller Central's AUI buttons (span.a-button > span.a-button-inner > input + span.a-button-text) cannot
 * style a button inside our shadow root, so their computed look is handed over as custom properties, which
 * do cross into it. Whatever the bar's neighbours look like on the day (AUI changes), ours follows.
 */
export function copyNeighbourLook(host: HTMLElement, bar: Element): void {
  const neighbour = [...bar.children].find((c) => c !== host && c.getBoundingClientRect().height > 0);
  if (!neighbour) return;
  const outer = getComputedStyle(neighbour);
  const label = neighbour.querySelector('.a-button-text') ?? neighbour;
  const text = getComputedStyle(label);
  const set = (name: string, value: string) => {
    if (value) host.style.setProperty(`--oc-${name}`, value);
  };
  set('height', `${neighbour.getBoundingClientRect().height}px`);
  set('radius', outer.borderRadius);
  set('border', `${outer.borderTopWidth} ${outer.borderTopStyle} ${outer.borderTopColor}`);
  set('background', outer.backgroundImage !== 'none' ? `${outer.backgroundImage}, ${outer.backgroundColor}` : outer.backgroundColor);
  set('font', `${text.fontWeight} ${text.fontSize} ${text.fontFamily}`);
  set('color', text.color);
  set('padding', `0 ${text.paddingRight === '0px' ? '10px' : text.paddingRight}`);
  set('margin', `0 ${outer.marginRight} 0 ${outer.marginLeft}`);
}

const MARGIN = 24;

/** Corners in order of preference: bottom right, bottom left, then the top ones below the top bar. */
const CORNERS = [
  (w: number, h: number) => ({ x: innerWidth - MARGIN - w, y: innerHeight - MARGIN - h, css: `right:${MARGIN}px;bottom:${MARGIN}px` }),
  (_w: number, h: number) => ({ x: MARGIN, y: innerHeight - MARGIN - h, css: `left:${MARGIN}px;bottom:${MARGIN}px` }),
  (w: number) => ({ x: innerWidth - MARGIN - w, y: 96, css: `right:${MARGIN}px;top:96px` }),
  () => ({ x: MARGIN, y: 96, css: `left:${MARGIN}px;top:96px` }),
];

/** Whether one of the page's controls is at (x, y), looking into open shadow roots (Katal components). */
function controlAt(root: DocumentOrShadowRoot, x: number, y: number, ours: Element, depth = 0): boolean {
  for (const el of root.elementsFromPoint(x, y)) {
    if (el === ours || ours.contains(el) || el === document.documentElement || el === document.body) continue;
    if (el.closest(CONTROLS)) return true;
    if (el.shadowRoot && depth < 8 && controlAt(el.shadowRoot, x, y, ours, depth + 1)) return true;
  }
  return false;
}

/**
 * The CSS position of a corner where the floating control covers nothing the seller can press, tested at
 * its corners and centre; the first corner when every one is taken.
 */
export function floatingSpot(host: HTMLElement): string {
  const { width, height } = host.getBoundingClientRect();
  for (const corner of CORNERS) {
    const { x, y, css } = corner(width, height);
    const points: Array<[number, number]> = [
      [x + 1, y + 1], [x + width - 1, y + 1], [x + 1, y + height - 1], [x + width - 1, y + height - 1], [x + width / 2, y + height / 2],
    ];
    if (!points.some(([px, py]) => controlAt(document, px, py, host))) return css;
  }
  return CORNERS[0]!(width, height).css;
}
