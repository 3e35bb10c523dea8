import { describe, expect, it } from 'vitest';
import { createNotificationsStore } from '../../../lib/ui/notifications-store';
import type { NotificationsChange, NotificationsOverview } from '../../../lib/protocol';
import { fakeAsk, refusal } from './fake-ask';

const ARN = 'arn:aws:sqs:us-east-1:123456789012:order-courier-orders';
const queue = { destinationId: 'd-1', name: 'Orders', kind: 'sqs' as const, arn: ARN };

const empty: NotificationsOverview = { destinations: [], migration: 'nothing-to-do' };
const withQueue: NotificationsOverview = { destinations: [queue], migration: 'nothing-to-do' };
const subscribed: NotificationsOverview = {
  destinations: [queue],
  migration: 'nothing-to-do',
  orderChange: {
    subscriptionId: 's-1',
    destinationId: 'd-1',
    payloadVersion: '1.0',
    changeTypes: ['OrderStatusChange', 'BuyerRequestedChange'],
    marketplaces: [{ id: 'A1PA6795UKMFR9', country: 'Germany', countryCode: 'DE' }],
  },
};
const change = (overview: NotificationsOverview, key: string, error?: NotificationsChange['error']): NotificationsChange => ({
  overview,
  outcome: { key, substitutions: [] },
  ...(error ? { error } : {}),
});

describe('notifications store: destinations', () => {
  it('shows the ARN problem under the field as the seller types, and sends nothing while it stands', async () => {
    const { ask, ops } = fakeAsk({ 'notifications.overview': () => empty });
    const s = createNotificationsStore(ask);
    await s.load();
    s.arn.value = 'arn:aws:sqs:us-east-1:1234:queue';
    expect(s.destProblems.value.arn?.key).toBe('ntf_arn_bad_account_id');
    // An untouched empty name is not reported until the seller tries to create.
    expect(s.destProblems.value.name).toBeUndefined();
    expect(await s.createDestination()).toBe(false);
    expect(s.destProblems.value.name?.key).toBe('ntf_destination_missing_name');
    expect(ops()).toEqual(['notifications.overview']);
  });

  it('checks the EventBridge account and region on their own fields', () => {
    const s = createNotificationsStore(fakeAsk({}).ask);
    s.destKind.value = 'eventBridge';
    s.region.value = 'Frankfurt';
    s.accountId.value = '12345';
    expect(s.destProblems.value.region?.key).toBe('ntf_eventbridge_bad_region');
    expect(s.destProblems.value.accountId?.key).toBe('ntf_eventbridge_bad_account_id');
  });

  it('creates a destination, adopts the fresh overview, announces it and clears the form', async () => {
    const { ask, calls } = fakeAsk({
      'notifications.overview': () => empty,
      'notifications.createDestination': () => change(withQueue, 'nui_destination_created'),
    });
    const s = createNotificationsStore(ask);
    await s.load();
    s.destName.value = ' Orders ';
    s.arn.value = ARN;
    expect(await s.createDestination()).toBe(true);
    expect(calls[1]).toEqual({ op: 'notifications.createDestination', req: { name: 'Orders', target: { kind: 'sqs', arn: ARN } } });
    expect(s.overview.value?.destinations).toHaveLength(1);
    expect(s.result.value).toEqual({ action: 'create-destination', ok: true, outcome: { key: 'nui_destination_created', substitutions: [] } });
    expect(s.arn.value).toBe('');
    // The new destination becomes the subscription form's choice.
    expect(s.subDestinationId.value).toBe('d-1');
  });

  it('keeps the form and shows the refusal in the destinations section when Amazon says 409', async () => {
    const { ask } = fakeAsk({
      'notifications.overview': () => empty,
      'notifications.createDestination': () => {
        throw refusal('nui_destination_exists', { code: 'Conflict', requestId: 'r-9' });
      },
    });
    const s = createNotificationsStore(ask);
    await s.load();
    s.destName.value = 'Orders';
    s.arn.value = ARN;
    expect(await s.createDestination()).toBe(false);
    expect(s.result.value).toEqual({ action: 'create-destination', ok: false, error: { key: 'nui_destination_exists', substitutions: [], code: 'Conflict', requestId: 'r-9' } });
    expect(s.arn.value).toBe(ARN);
    expect(s.busy.value).toBeUndefined();
  });

  it('deletes only after confirmation, and a cancel sends nothing', async () => {
    const { ask, ops } = fakeAsk({
      'notifications.overview': () => withQueue,
      'notifications.deleteDestination': () => change(empty, 'nui_destination_deleted'),
    });
    const s = createNotificationsStore(ask);
    await s.load();
    s.askDelete({ kind: 'destination', id: 'd-1', name: 'Orders' });
    s.cancelDelete();
    expect(await s.confirmDelete()).toBe(false);
    s.askDelete({ kind: 'destination', id: 'd-1', name: 'Orders' });
    expect(await s.confirmDelete()).toBe(true);
    expect(ops()).toEqual(['notifications.overview', 'notifications.deleteDestination']);
    expect(s.pendingDelete.value).toBeUndefined();
  });
});

describe('notifications store: subscription', () => {
  it('fills the form from the subscription Amazon has', async () => {
    const s = createNotificationsStore(fakeAsk({ 'notifications.overview': () => subscribed }).ask);
    await s.load();
    expect(s.subDestinationId.value).toBe('d-1');
    expect(s.allTypes.value).toBe(false);
    expect(s.chosenTypes.value).toEqual(['OrderStatusChange', 'BuyerRequestedChange']);
    expect(s.marketplaceIds.value).toEqual(['A1PA6795UKMFR9']);
  });

  it('sends "all" when the seller picks all change types, not the list of today\'s types', async () => {
    const { ask, calls } = fakeAsk({
      'notifications.overview': () => subscribed,
      'notifications.saveSubscription': () => change(subscribed, 'ntf_filter_saved'),
    });
    const s = createNotificationsStore(ask);
    await s.load();
    s.allTypes.value = true;
    s.toggleMarketplace('A1PA6795UKMFR9', false);
    await s.saveSubscription();
    expect(calls[1]!.req).toEqual({ destinationId: 'd-1', changeTypes: 'all', marketplaceIds: [] });
  });

  it('refuses an empty selection of change types before asking', async () => {
    const { ask, ops } = fakeAsk({ 'notifications.overview': () => withQueue });
    const s = createNotificationsStore(ask);
    await s.load();
    s.allTypes.value = false;
    expect(s.filterProblem.value?.key).toBe('ntf_filter_no_change_types');
    expect(await s.saveSubscription()).toBe(false);
    s.toggleType('DeliveryTipChange', true);
    expect(s.filterProblem.value).toBeUndefined();
    expect(ops()).toEqual(['notifications.overview']);
  });

  it('reports a refused replacement with both the outcome and Amazon\'s reason', async () => {
    const amazon = { key: 'spapi_invalid_input', substitutions: ['bad filter'], code: 'InvalidInput' };
    const { ask } = fakeAsk({
      'notifications.overview': () => subscribed,
      'notifications.saveSubscription': () => change(subscribed, 'ntf_filter_failed_restored', amazon),
    });
    const s = createNotificationsStore(ask);
    await s.load();
    s.toggleType('DeliveryTipChange', true);
    expect(await s.saveSubscription()).toBe(false);
    // A failure, with what became of the subscription and Amazon's reason: never shown as a success.
    expect(s.result.value).toEqual({ action: 'save-subscription', ok: false, outcome: { key: 'ntf_filter_failed_restored', substitutions: [] }, error: amazon });
    // The form shows what Amazon really has again (the restored filter).
    expect(s.chosenTypes.value).toEqual(['OrderStatusChange', 'BuyerRequestedChange']);
  });

  it('keeps the seller\'s filter after the subscription is deleted, ready to recreate', async () => {
    const { ask } = fakeAsk({
      'notifications.overview': () => subscribed,
      'notifications.deleteSubscription': () => change(withQueue, 'nui_subscription_deleted'),
    });
    const s = createNotificationsStore(ask);
    await s.load();
    s.askDelete({ kind: 'subscription', id: 's-1' });
    await s.confirmDelete();
    expect(s.overview.value?.orderChange).toBeUndefined();
    expect(s.chosenTypes.value).toEqual(['OrderStatusChange', 'BuyerRequestedChange']);
  });
});

describe('notifications store: empty and stale field problems', () => {
  it('asks for an empty field after an attempt instead of calling it malformed', async () => {
    const { ask, ops } = fakeAsk({ 'notifications.overview': () => empty });
    const s = createNotificationsStore(ask);
    await s.load();
    expect(await s.createDestination()).toBe(false);
    expect(s.destProblems.value.arn?.key).toBe('nui_enter_queue_arn');
    expect(s.destProblems.value.name?.key).toBe('ntf_destination_missing_name');
    expect(ops()).toEqual(['notifications.overview']);
  });

  it('drops a stale problem when the seller clears the field or switches to another kind of destination', async () => {
    const s = createNotificationsStore(fakeAsk({ 'notifications.overview': () => empty }).ask);
    await s.load();
    s.editDestination('arn', 'arn:aws:sqs:us-east-1:1234:queue');
    expect(s.destProblems.value.arn?.key).toBe('ntf_arn_bad_account_id');
    s.editDestination('arn', '');
    expect(s.destProblems.value.arn).toBeUndefined();

    expect(await s.createDestination()).toBe(false);
    expect(s.destProblems.value.arn?.key).toBe('nui_enter_queue_arn');
    s.editDestination('arn', 'a');
    s.editDestination('arn', '');
    expect(s.destProblems.value.arn).toBeUndefined();

    expect(await s.createDestination()).toBe(false);
    s.chooseKind('eventBridge');
    expect(s.destProblems.value).toEqual({});
  });
});

describe('notifications store: a filter expression the popup cannot edit', () => {
  it('asks before dropping it, and sends the yes only when the seller gives it', async () => {
    const calls: unknown[] = [];
    const { ask } = fakeAsk({
      'notifications.overview': () => subscribed,
      'notifications.saveSubscription': (req) => {
        calls.push(req);
        return (req as { dropFilterExpression?: boolean }).dropFilterExpression
          ? change(subscribed, 'ntf_filter_saved')
          : { overview: subscribed, outcome: { key: 'ntf_filter_expression_would_be_lost', substitutions: ['x > 1'] }, error: { key: 'nui_nothing_changed', substitutions: [] } };
      },
    });
    const s = createNotificationsStore(ask);
    await s.load();
    s.toggleType('DeliveryTipChange', true);
    expect(await s.saveSubscription()).toBe(false);
    expect(s.confirmDropExpression.value).toBe('x > 1');
    // The question changed nothing: the seller's unsaved choice is still there for the yes.
    expect(s.chosenTypes.value).toEqual(['OrderStatusChange', 'BuyerRequestedChange', 'DeliveryTipChange']);
    expect(s.result.value).toBeUndefined();
    expect(await s.saveSubscription(true)).toBe(true);
    expect(calls).toEqual([
      expect.not.objectContaining({ dropFilterExpression: true }),
      expect.objectContaining({ dropFilterExpression: true, changeTypes: ['OrderStatusChange', 'BuyerRequestedChange', 'DeliveryTipChange'] }),
    ]);
    expect(s.confirmDropExpression.value).toBeUndefined();
  });
});

describe('notifications store: migration', () => {
  it('runs the migration in one call and announces the result', async () => {
    const legacy: NotificationsOverview = {
      destinations: [queue],
      legacy: { subscriptionId: 'old', destinationId: 'd-1', payloadVersion: '1.0' },
      migration: 'create-order-change-first',
    };
    const { ask, ops } = fakeAsk({
      'notifications.overview': () => legacy,
      'notifications.migrate': () => change(subscribed, 'ntf_migration_done'),
    });
    const s = createNotificationsStore(ask);
    await s.load();
    expect(await s.migrate()).toBe(true);
    expect(ops()).toEqual(['notifications.overview', 'notifications.migrate']);
    expect(s.overview.value?.legacy).toBeUndefined();
    expect(s.result.value).toMatchObject({ action: 'migrate', ok: true, outcome: { key: 'ntf_migration_done' } });
  });

  it('shows a load failure (a 403 with the wrong token) instead of an empty view', async () => {
    const { ask } = fakeAsk({
      'notifications.overview': () => {
        throw refusal('spapi_forbidden_grantless', { code: 'Unauthorized' });
      },
    });
    const s = createNotificationsStore(ask);
    await s.load();
    expect(s.overview.value).toBeUndefined();
    expect(s.loadError.value?.key).toBe('spapi_forbidden_grantless');
  });
});

describe('labels the popup keeps to itself', () => {
  it('names the same aside reasons as the payload parser (the popup must not import its validator)', async () => {
    const { ASIDE_REASON_KEYS } = await import('../../../components/notifications/labels');
    const { PARSE_FAILURE_KEYS } = await import('../../../lib/notifications/payload');
    expect(ASIDE_REASON_KEYS).toEqual(PARSE_FAILURE_KEYS);
  });
});
