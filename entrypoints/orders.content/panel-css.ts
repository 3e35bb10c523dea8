// Inline so the panel needs no extra request; the shadow root keeps Seller Central's styles out.
export const PANEL_CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; }
/* Amazon's button shape (AUI) by default; in the action bar the neighbours' own look (placement.ts). */
button.open { box-sizing: border-box; height: var(--oc-height, 31px); margin: var(--oc-margin, 0); padding: var(--oc-padding, 0 10px);
  font: var(--oc-font, 400 13px Arial, sans-serif); line-height: 1; color: var(--oc-color, #0f1111);
  background: var(--oc-background, linear-gradient(to bottom, #f7f8fa, #e7e9ec)); border: var(--oc-border, 1px solid #adb1b8);
  border-radius: var(--oc-radius, 3px); cursor: pointer; white-space: nowrap; }
button.open:hover { filter: brightness(0.96); }
button.open:focus-visible, button.close:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
:host([data-placement="floating"]) button.open { box-shadow: 0 2px 8px #0004; }
.ask { position: fixed; top: 96px; right: 24px; z-index: 2147483647; width: min(320px, 90vw); padding: 12px 16px;
  background: #fff; color: #111; border: 1px solid #888; border-radius: 8px; box-shadow: 0 2px 12px #0004; font: 14px system-ui, sans-serif; }
.ask label { display: block; margin: 8px 0; } .ask select { display: block; margin-top: 4px; font: inherit; }
.ask .hint { color: #555; font-size: 12px; } .ask button { font: inherit; margin: 4px 8px 0 0; padding: 4px 12px; }
.drawer { position: fixed; top: 0; right: 0; bottom: 0; width: min(440px, 100vw); z-index: 2147483647;
  display: flex; flex-direction: column; background: #fff; box-shadow: -4px 0 16px #0003; font: 14px system-ui, sans-serif; }
.drawer header { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px;
  border-bottom: 1px solid #ddd; }
.drawer h2 { font-size: 15px; margin: 0; color: #111; }
button.close { font-size: 22px; line-height: 1; background: none; border: 0; cursor: pointer; padding: 4px 8px; color: #333; }
.drawer iframe { flex: 1; border: 0; width: 100%; }
.drawer .connection { margin: 0; padding: 6px 12px; font-size: 12px; color: #333; border-bottom: 1px solid #eee; }
.drawer .connection-step { padding: 12px; color: #111; }
.drawer .connection button, .drawer .connection-step button { font: inherit; margin: 4px 8px 0 0; padding: 4px 12px; cursor: pointer; }
.drawer .connection button:focus-visible, .drawer .connection-step button:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
`;
