import { describe, expect, it } from 'vitest';
import { awsRegion, EndpointError, lwaTokenUrl, normalizeCustomBaseUrl, spApiBase } from '../../../lib/spapi';

describe('endpoints', () => {
  it('production and Amazon sandbox hosts per region', () => {
    expect(spApiBase({ kind: 'production', region: 'NA' })).toBe('https://sellingpartnerapi-na.amazon.com');
    expect(spApiBase({ kind: 'production', region: 'FE' })).toBe('https://sellingpartnerapi-fe.amazon.com');
    expect(spApiBase({ kind: 'amazon-sandbox', region: 'EU' })).toBe('https://sandbox.sellingpartnerapi-eu.amazon.com');
  });

  it('LWA is api.amazon.com except for a custom endpoint', () => {
    expect(lwaTokenUrl({ kind: 'production', region: 'EU' })).toBe('https://api.amazon.com/auth/o2/token');
    expect(lwaTokenUrl({ kind: 'amazon-sandbox', region: 'FE' })).toBe('https://api.amazon.com/auth/o2/token');
    expect(lwaTokenUrl({ kind: 'custom', baseUrl: 'http://localhost:8787//' })).toBe('http://localhost:8787/auth/o2/token');
  });

  it('AWS regions', () => {
    expect(awsRegion({ kind: 'production', region: 'NA' })).toBe('us-east-1');
    expect(awsRegion({ kind: 'amazon-sandbox', region: 'EU' })).toBe('eu-west-1');
    expect(awsRegion({ kind: 'production', region: 'FE' })).toBe('us-west-2');
  });

  it('custom base URL: trailing slashes removed, path prefix kept', () => {
    expect(spApiBase({ kind: 'custom', baseUrl: ' https://sandbox.example.com/spapi/ ' })).toBe('https://sandbox.example.com/spapi');
    expect(normalizeCustomBaseUrl('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
  });

  it.each([
    ['not a url', 'not-a-url'],
    ['ftp://example.com', 'protocol'],
    ['javascript:alert(1)', 'protocol'],
    ['http://sandbox.example.com', 'insecure'],
    ['https://user:pw@example.com', 'credentials'],
    ['https://example.com/?x=1', 'query'],
    ['https://example.com/?', 'query'],
    ['https://example.com/#frag', 'fragment'],
  ])('rejects %s (%s)', (url, problem) => {
    expect(() => normalizeCustomBaseUrl(url)).toThrow(EndpointError);
    try {
      normalizeCustomBaseUrl(url);
    } catch (err) {
      expect((err as EndpointError).problem).toBe(problem);
    }
  });
});
