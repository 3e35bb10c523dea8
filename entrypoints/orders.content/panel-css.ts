// Inline so the panel needs no extra request; the shadow root keeps Seller Central's styles out.
export const PANEL_CSS = `
:host { all: initial; }
button.open { font: 600 14px/1.2 system-ui, sans-serif; color: #fff; background: #0f6d7a; border: 0;
  border-radius: 6px; padding: 8px 14px; margin: 0 8px 0 0; cursor: pointer; }
button.open:focus-visible, button.close:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
button.open.floating { position: fixed; right: 24px; bottom: 24px; z-index: 2147483646; box-shadow: 0 2px 8px #0004; }
.drawer { position: fixed; top: 0; right: 0; bottom: 0; width: min(440px, 100vw); z-index: 2147483647;
  display: flex; flex-direction: column; background: #fff; box-shadow: -4px 0 16px #0003; font: 14px system-ui, sans-serif; }
.drawer header { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px;
  border-bottom: 1px solid #ddd; }
.drawer h2 { font-size: 15px; margin: 0; color: #111; }
button.close { font-size: 22px; line-height: 1; background: none; border: 0; cursor: pointer; padding: 4px 8px; color: #333; }
.drawer iframe { flex: 1; border: 0; width: 100%; }
`;
