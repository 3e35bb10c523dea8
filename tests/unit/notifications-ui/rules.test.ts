import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../../lib/background/router';
import { RULES } from '../../../lib/background/rules';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const from = (page: string) => ({ id: ID, url: `chrome-extension://${ID}/${page}.html` });

function router() {
  const handlers = Object.fromEntries(Object.keys(RULES).map((op) => [op, vi.fn(async () => ({ handled: op }))])) as unknown as Handlers;
  const route = createRouter({
    extensionId: ID,
    extensionProtocol: 'chrome-extension:',
    rules: RULES,
    handlers,
    explain: (e) => ({ key: 'app_unexpectedError', substitutions: [String(e)] }),
  });
  return { route, handlers };
}

const valid: Record<string, unknown> = {
  'notifications.overview': {},
  'notifications.createDestination': { name: 'Orders', target: { kind: 'sqs', arn: 'arn:aws:sqs:us-east-1:123456789012:q' } },
  'notifications.deleteDestination': { destinationId: 'd-1' },
  'notifications.saveSubscription': { destinationId: 'd-1', changeTypes: ['OrderStatusChange'], marketplaceIds: ['ATVPDKIKX0DER'] },
  'notifications.deleteSubscription': { subscriptionId: 's-1' },
  'notifications.migrate': {},
  'inbox.get': {},
  'inbox.connectQueue': { queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: 's3cret' },
  'inbox.disconnectQueue': {},
  'inbox.markSeen': { ids: 'all' },
  'inbox.setPrefs': { cancellations: true, newOrders: false },
  'inbox.checkNow': {},
};

describe('rules for the Notifications and Inbox views', () => {
  it.each(Object.keys(valid))('%s: the popup may ask, the composer and options pages may not', async (op) => {
    const { route } = router();
    expect(await route({ op, req: valid[op] }, from('popup'))).toMatchObject({ ok: true });
    for (const page of ['composer', 'options']) {
      expect(await route({ op, req: valid[op] }, from(page))).toMatchObject({ ok: false, error: { key: 'app_forbiddenSender' } });
    }
  });

  it.each([
    ['notifications.createDestination', { name: 'x', target: { kind: 'sqs', arn: 'a', accountId: '1' } }],
    ['notifications.createDestination', { name: 'x', target: { kind: 'webhook', url: 'https://evil.example' } }],
    ['notifications.saveSubscription', { destinationId: 'd', changeTypes: ['AnyOfferChanged'], marketplaceIds: [] }],
    ['notifications.saveSubscription', { destinationId: 'd', changeTypes: [], marketplaceIds: [] }],
    ['notifications.saveSubscription', { destinationId: 'd', changeTypes: 'all', marketplaceIds: ['not a marketplace'] }],
    ['notifications.migrate', { changeTypes: 'all' }],
    ['inbox.connectQueue', { queueUrl: 'file:///etc/passwd', region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: 's' }],
    ['inbox.connectQueue', { queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', region: 'us-east-1', accessKeyId: 'akia-lower', secretAccessKey: 's' }],
    ['inbox.markSeen', { ids: 'some' }],
    ['inbox.setPrefs', { cancellations: 'yes', newOrders: true }],
  ])('%s refuses %j before any handler runs', async (op, req) => {
    const { route, handlers } = router();
    expect(await route({ op, req }, from('popup'))).toMatchObject({ ok: false, error: { key: 'app_invalidRequest' } });
    expect(handlers[op as keyof Handlers]).not.toHaveBeenCalled();
  });
});
