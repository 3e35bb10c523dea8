import { describe, expect, it } from 'vitest';
import { MAX_TOTAL_BYTES } from '../../../lib/messaging/attachments';
import { checkHandoff, HANDOFF_TYPE, MAX_STAGED_BYTES, STAGED_TTL_MS, StagedFiles } from '../../../lib/messaging/handoff';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const COMPOSER = `${ORIGIN}/composer.html?orderId=902-3159896-1390916&marketplaceId=ATVPDKIKX0DER`;
const blob = (size = 10) => new Blob([new Uint8Array(size)]);
const message = (over: Record<string, unknown> = {}) => ({ type: HANDOFF_TYPE, transferId: '0b6c1d9e-2f4a-4b8e-9a51-3c7d2e1f0a9b', blob: blob(), ...over });

describe('checkHandoff: who may hand bytes to the background, and what', () => {
  it('takes a Blob from the composer page of this extension', () => {
    const checked = checkHandoff(message(), { origin: ORIGIN, url: COMPOSER }, ORIGIN);
    expect(typeof checked).toBe('object');
    expect((checked as { blob: Blob }).blob.size).toBe(10);
  });

  it('refuses any other sender: another page of the extension, another extension, a web page, no window', () => {
    expect(checkHandoff(message(), { origin: ORIGIN, url: `${ORIGIN}/popup.html` }, ORIGIN)).toBe('sender');
    expect(checkHandoff(message(), { origin: 'chrome-extension://other', url: 'chrome-extension://other/composer.html' }, ORIGIN)).toBe('sender');
    expect(checkHandoff(message(), { origin: 'https://sellercentral.amazon.com', url: 'https://sellercentral.amazon.com/composer.html' }, ORIGIN)).toBe('sender');
    expect(checkHandoff(message(), { origin: ORIGIN, url: `https://sellercentral.amazon.com/composer.html` }, ORIGIN)).toBe('sender');
    expect(checkHandoff(message(), { origin: ORIGIN }, ORIGIN)).toBe('sender');
    expect(checkHandoff(message(), { origin: ORIGIN, url: 'not a url' }, ORIGIN)).toBe('sender');
  });

  it('refuses a payload that is not exactly a typed transfer of a non-empty Blob under the 10 MB total', () => {
    const from = { origin: ORIGIN, url: COMPOSER };
    expect(checkHandoff(null, from, ORIGIN)).toBe('payload');
    expect(checkHandoff('bytes', from, ORIGIN)).toBe('payload');
    expect(checkHandoff(message({ type: 'other' }), from, ORIGIN)).toBe('payload');
    expect(checkHandoff(message({ extra: 1 }), from, ORIGIN)).toBe('payload');
    expect(checkHandoff(message({ transferId: '../etc' }), from, ORIGIN)).toBe('payload');
    expect(checkHandoff(message({ transferId: 'short' }), from, ORIGIN)).toBe('payload');
    expect(checkHandoff(message({ blob: new ArrayBuffer(10) }), from, ORIGIN)).toBe('payload');
    expect(checkHandoff(message({ blob: 'AAAA' }), from, ORIGIN)).toBe('payload');
    expect(checkHandoff(message({ blob: blob(0) }), from, ORIGIN)).toBe('payload');
    expect(checkHandoff(message({ blob: blob(MAX_TOTAL_BYTES) }), from, ORIGIN)).toBe('payload');
    expect(typeof checkHandoff(message({ blob: blob(MAX_TOTAL_BYTES - 1) }), from, ORIGIN)).toBe('object');
  });
});

describe('StagedFiles: handed-over bytes wait for one claim by the same document', () => {
  it('gives the bytes once, to the document that handed them over, whatever its fragment', () => {
    const staged = new StagedFiles();
    const b = blob();
    expect(staged.stage('transfer-1', b, `${COMPOSER}#grant=abc`)).toBe(true);
    expect(staged.claim('transfer-1', `${ORIGIN}/composer.html?orderId=305-7226541-3301942&marketplaceId=A1PA6795UKMFR9`)).toBeUndefined();
    expect(staged.claim('transfer-1', undefined)).toBeUndefined();
    expect(staged.claim('transfer-1', COMPOSER)).toBe(b);
    expect(staged.claim('transfer-1', COMPOSER)).toBeUndefined();
  });

  it('refuses a transfer id already waiting, so staged bytes cannot be replaced', () => {
    const staged = new StagedFiles();
    const first = blob();
    expect(staged.stage('transfer-1', first, COMPOSER)).toBe(true);
    expect(staged.stage('transfer-1', blob(), COMPOSER)).toBe(false);
    expect(staged.claim('transfer-1', COMPOSER)).toBe(first);
  });

  it('forgets bytes nobody claimed in time, and holds no more than its limit unclaimed', () => {
    let now = 0;
    const staged = new StagedFiles(() => now);
    expect(staged.stage('transfer-1', blob(), COMPOSER)).toBe(true);
    now = STAGED_TTL_MS + 1;
    expect(staged.claim('transfer-1', COMPOSER)).toBeUndefined();
    expect(staged.stage('transfer-2', blob(MAX_STAGED_BYTES - 5), COMPOSER)).toBe(true);
    expect(staged.stage('transfer-3', blob(10), COMPOSER)).toBe(false);
    expect(staged.claim('transfer-2', COMPOSER)?.size).toBe(MAX_STAGED_BYTES - 5);
    expect(staged.stage('transfer-3', blob(10), COMPOSER)).toBe(true);
  });
});
