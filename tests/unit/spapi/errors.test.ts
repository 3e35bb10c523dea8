import { describe, expect, it } from 'vitest';
import { explainError, SPAPI_MESSAGE_KEYS, SpApiError } from '../../../lib/spapi';
import { errorFromResponse, isAccessTokenRejection } from '../../../lib/spapi/errors';
import { EXAMPLES } from './error-examples';
import { amazonError, setup } from './helpers';

const ORDER = '902-1845936-5435065';
const US = 'ATVPDKIKX0DER';

describe('ErrorList parsing', () => {
  it('reads code, message, details and the request id from a real SP-API error answer', async () => {
    const { api } = setup(() =>
      amazonError(400, 'InvalidInput', 'Invalid Input', 'marketplaceIds: only one allowed', { 'x-amzn-RequestId': '6a5f-req' }),
    );
    const err = await api.getAttributes(ORDER, US).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiError);
    expect(err).toMatchObject({
      status: 400,
      code: 'InvalidInput',
      message: 'Invalid Input',
      details: 'marketplaceIds: only one allowed',
      requestId: '6a5f-req',
      operation: 'GetAttributes',
      retryable: false,
      outcomeUnknown: false,
    });
  });

  it('keeps every entry of the list', () => {
    const text = JSON.stringify({ errors: [{ code: 'A', message: 'first' }, { code: 'B', message: 'second', details: '' }] });
    const err = errorFromResponse(400, text, 'r', 'getOrders');
    expect(err.code).toBe('A');
    expect(err.details).toBeUndefined();
    expect(err.errors.map((e) => e.code)).toEqual(['A', 'B']);
  });

  it.each([
    ['HTML', '<html><body>502 Bad Gateway</body></html>'],
    ['empty', ''],
    ['JSON of another shape', '{"message":"Internal server error"}'],
    ['errors not an array', '{"errors":"nope"}'],
    ['errors without codes', '{"errors":[{"msg":"x"}]}'],
    ['null', 'null'],
  ])('a %s body is still a SpApiError with code UnexpectedResponse and the status kept', (_, text) => {
    const err = errorFromResponse(502, text, 'rid', 'getDestinations');
    expect(err).toBeInstanceOf(SpApiError);
    expect(err).toMatchObject({ status: 502, code: 'UnexpectedResponse', requestId: 'rid', retryable: true });
  });

  it('recognises expired or invalid access tokens, and nothing else, as token problems', () => {
    const e = (status: number, message: string, details?: string) => errorFromResponse(status, JSON.stringify({ errors: [{ code: 'Unauthorized', message, details }] }), undefined, 'getOrders');
    expect(isAccessTokenRejection(e(403, 'Access to requested resource is denied.', 'The access token you provided has expired.'))).toBe(true);
    expect(isAccessTokenRejection(e(403, 'Access to requested resource is denied.', 'The access token you provided is revoked, malformed or invalid.'))).toBe(true);
    expect(isAccessTokenRejection(e(401, 'Unauthorized'))).toBe(true);
    expect(isAccessTokenRejection(e(403, 'Access to requested resource is denied.', ''))).toBe(false);
    expect(isAccessTokenRejection(e(403, 'Invalid amazonOrderId and template combination.', ''))).toBe(false);
    expect(isAccessTokenRejection(e(400, 'The access token you provided has expired.'))).toBe(false);
  });
});

describe('explainError', () => {
  it.each(EXAMPLES.map(([err, want]) => [want.key, err, want] as const))('→ %s', (_, err, want) => {
    expect(explainError(err)).toEqual(want);
  });

  it('passes exactly as many substitutions as each key declares', () => {
    for (const [err] of EXAMPLES) {
      const { key, substitutions } = explainError(err);
      expect(substitutions, key).toHaveLength(SPAPI_MESSAGE_KEYS[key]);
    }
  });

  it('every declared key is produced by some error', () => {
    const produced = new Set(EXAMPLES.map(([err]) => explainError(err).key));
    expect([...produced].sort()).toEqual(Object.keys(SPAPI_MESSAGE_KEYS).sort());
  });
});
