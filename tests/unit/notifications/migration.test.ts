import { describe, expect, it } from 'vitest';
import { MIGRATION_STEP_KEYS, planMigration, replacementForLegacy } from '../../../lib/notifications/migration';
import type { Subscription } from '../../../lib/notifications/types';

const legacy: Subscription = { subscriptionId: 'sub-legacy', payloadVersion: '1.0', destinationId: 'dest-9' };
const orderChange: Subscription = {
  subscriptionId: 'sub-oc',
  payloadVersion: '1.0',
  destinationId: 'dest-9',
  processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE' } },
};

describe('planMigration', () => {
  it('has nothing to do without a legacy subscription', () => {
    expect(planMigration({})).toBe('nothing-to-do');
    expect(planMigration({ orderChange })).toBe('nothing-to-do');
  });

  it('never deletes the legacy subscription before ORDER_CHANGE exists', () => {
    expect(planMigration({ legacy })).toBe('create-order-change-first');
  });

  it('deletes the legacy subscription once ORDER_CHANGE is in place', () => {
    expect(planMigration({ legacy, orderChange })).toBe('delete-legacy');
  });

  it('has an explanation key for every step', () => {
    expect(Object.keys(MIGRATION_STEP_KEYS).sort()).toEqual(['create-order-change-first', 'delete-legacy', 'nothing-to-do']);
  });
});

describe('replacementForLegacy', () => {
  it('keeps the legacy destination', () => {
    expect(replacementForLegacy(legacy, ['OrderStatusChange'])).toEqual({
      ok: true,
      request: {
        payloadVersion: '1.0',
        destinationId: 'dest-9',
        processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange'] } },
      },
    });
  });
});
