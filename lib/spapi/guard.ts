// Background-only: refuses to load where a web page could reach the credentials this client handles.

/**
 * A content script runs with the page's `location` (https://sellercentral…); the service worker and
 * extension pages have chrome-extension:// (or moz-extension://), and Node tests have none.
 * Importing the client into a content script is a bug that would also fail at run time (SP-API
 * sends no CORS headers), so fail loudly and early.
 */
export function assertNotInWebPage(): void {
  const protocol = (globalThis as { location?: { protocol?: string } }).location?.protocol;
  if (protocol === 'http:' || protocol === 'https:') {
    throw new Error('lib/spapi is background-only: it must not be imported by a content script or web page');
  }
}
