/**
 * BACKGROUND ONLY. Modules under lib/background hold or use credentials; importing one anywhere else is a
 * bug, and this import makes it fail loudly instead of quietly shipping secrets-handling code to a page.
 */
const isWindow = typeof window !== 'undefined' && typeof document !== 'undefined';
if (isWindow && !location.pathname.includes('background')) {
  throw new Error('lib/background may only be imported by the background service worker');
}
export {};
