/**
 * State of the popup's Notifications view: destinations, the ORDER_CHANGE subscription and the
 * migration banner. Signals plus actions, the background reached only through the injected `ask`,
 * so it is tested without a browser. Field checks reuse lib/notifications, which the background
 * applies again: the seller sees the reason under the field before anything is sent.
 */
import { computed, signal } from '@preact/signals';
import { explainedOf, type ask as askFn } from '../ask';
import { ARN_ERROR_KEYS, EVENTBRIDGE_ERROR_KEYS, buildCreateDestinationRequest, validateEventBridge, validateSqsArn, type DestinationTarget } from '../notifications/destinations';
import { FILTER_ERROR_KEYS, buildOrderChangeSubscription } from '../notifications/filters';
import { ORDER_CHANGE_TYPES, isOrderChangeType, type OrderChangeType } from '../notifications/types';
import type { Explained, NotificationsChange, NotificationsOverview } from '../protocol';

export type DestinationKind = 'sqs' | 'eventBridge';
export type Section = 'destinations' | 'subscription' | 'migration';
export type PendingDelete = { kind: 'destination'; id: string; name: string } | { kind: 'subscription'; id: string };

/** A message key with its substitutions, shown under a field. */
export interface Problem {
  key: string;
  substitutions: string[];
}

const problem = (key: string, substitutions: string[] = []): Problem => ({ key, substitutions });

export function createNotificationsStore(ask: typeof askFn) {
  const overview = signal<NotificationsOverview | undefined>(undefined);
  const loadError = signal<Explained | undefined>(undefined);
  const busy = signal<'creating' | 'deleting' | 'saving' | 'migrating' | undefined>(undefined);
  /** Amazon's refusal of the last action, shown in the section that asked. */
  const error = signal<{ section: Section; explained: Explained } | undefined>(undefined);
  /** What the last action achieved; the view announces it in a live region. */
  const status = signal<Explained | undefined>(undefined);
  const pendingDelete = signal<PendingDelete | undefined>(undefined);

  const destName = signal('');
  const destKind = signal<DestinationKind>('sqs');
  const arn = signal('');
  const accountId = signal('');
  const region = signal('');
  /** Empty fields are not reported until the seller tries to create. */
  const destAttempted = signal(false);

  const subDestinationId = signal('');
  const allTypes = signal(true);
  const changeTypes = signal<OrderChangeType[]>([]);
  const marketplaceIds = signal<string[]>([]);

  const target = computed<DestinationTarget>(() =>
    destKind.value === 'sqs' ? { kind: 'sqs', arn: arn.value } : { kind: 'eventBridge', accountId: accountId.value, region: region.value },
  );

  /** Problems per field: name, arn, accountId, region. */
  const destProblems = computed(() => {
    const p: Partial<Record<'name' | 'arn' | 'accountId' | 'region', Problem>> = {};
    const show = (value: string) => destAttempted.value || value.trim() !== '';
    const built = buildCreateDestinationRequest({ name: destName.value, target: target.value });
    if (!built.ok && (built.reason === 'missing-name' || built.reason === 'name-too-long') && show(destName.value)) {
      p.name = problem(built.key);
    }
    if (destKind.value === 'sqs') {
      const checked = validateSqsArn(arn.value);
      if (!checked.ok && show(arn.value)) p.arn = problem(ARN_ERROR_KEYS[checked.reason]);
    } else {
      // Each field checked on its own, so both problems can show at once.
      const regionCheck = validateEventBridge({ region: region.value, accountId: '123456789012' });
      const accountCheck = validateEventBridge({ region: 'us-east-1', accountId: accountId.value });
      if (!regionCheck.ok && show(region.value)) p.region = problem(EVENTBRIDGE_ERROR_KEYS[regionCheck.reason]);
      if (!accountCheck.ok && show(accountId.value)) p.accountId = problem(EVENTBRIDGE_ERROR_KEYS[accountCheck.reason]);
    }
    return p;
  });

  const chosenTypes = computed<'all' | OrderChangeType[]>(() =>
    allTypes.value ? 'all' : ORDER_CHANGE_TYPES.filter((type) => changeTypes.value.includes(type)),
  );

  const filterProblem = computed<Problem | undefined>(() => {
    const built = buildOrderChangeSubscription({
      destinationId: subDestinationId.value,
      changeTypes: chosenTypes.value,
      marketplaceIds: marketplaceIds.value,
    });
    return built.ok ? undefined : problem(FILTER_ERROR_KEYS[built.reason], built.details ? [built.details] : []);
  });

  /**
   * The form follows what Amazon has, so Save always starts from the real subscription. Without one,
   * the seller's own choices stay (after a delete they are the old filter, ready to recreate).
   */
  function fillSubscriptionForm(next: NotificationsOverview) {
    const current = next.orderChange;
    if (!current) {
      const known = next.destinations.some((d) => d.destinationId === subDestinationId.value);
      if (!known) subDestinationId.value = next.destinations[0]?.destinationId ?? '';
      return;
    }
    subDestinationId.value = current.destinationId;
    allTypes.value = current.changeTypes === 'all';
    changeTypes.value = current.changeTypes === 'all' ? [] : current.changeTypes.filter(isOrderChangeType);
    marketplaceIds.value = current.marketplaces === 'all' ? [] : current.marketplaces.map((m) => m.id);
  }

  function adopt(next: NotificationsOverview) {
    overview.value = next;
    fillSubscriptionForm(next);
  }

  async function load() {
    loadError.value = undefined;
    try {
      adopt(await ask('notifications.overview', {}));
    } catch (e) {
      loadError.value = explainedOf(e);
    }
  }

  async function act(kind: NonNullable<typeof busy.value>, section: Section, run: () => Promise<NotificationsChange>): Promise<boolean> {
    busy.value = kind;
    error.value = undefined;
    status.value = undefined;
    try {
      const change = await run();
      adopt(change.overview);
      status.value = change.outcome;
      if (change.error) error.value = { section, explained: change.error };
      return !change.error;
    } catch (e) {
      error.value = { section, explained: explainedOf(e) };
      return false;
    } finally {
      busy.value = undefined;
    }
  }

  async function createDestination(): Promise<boolean> {
    destAttempted.value = true;
    if (Object.keys(destProblems.value).length > 0) return false;
    const done = await act('creating', 'destinations', () =>
      ask('notifications.createDestination', { name: destName.value.trim(), target: target.value }),
    );
    if (done) {
      destName.value = arn.value = accountId.value = region.value = '';
      destAttempted.value = false;
    }
    return done;
  }

  async function saveSubscription(): Promise<boolean> {
    if (filterProblem.value) return false;
    return act('saving', 'subscription', () =>
      ask('notifications.saveSubscription', {
        destinationId: subDestinationId.value,
        changeTypes: chosenTypes.value,
        marketplaceIds: marketplaceIds.value,
      }),
    );
  }

  function toggleType(type: OrderChangeType, on: boolean) {
    changeTypes.value = on ? [...new Set([...changeTypes.value, type])] : changeTypes.value.filter((t) => t !== type);
  }

  function toggleMarketplace(id: string, on: boolean) {
    marketplaceIds.value = on ? [...new Set([...marketplaceIds.value, id])] : marketplaceIds.value.filter((m) => m !== id);
  }

  /** Deleting asks first; confirmDelete runs what was asked. */
  function askDelete(what: PendingDelete) {
    pendingDelete.value = what;
  }

  function cancelDelete() {
    pendingDelete.value = undefined;
  }

  async function confirmDelete(): Promise<boolean> {
    const what = pendingDelete.value;
    if (!what) return false;
    pendingDelete.value = undefined;
    if (what.kind === 'destination') {
      return act('deleting', 'destinations', () => ask('notifications.deleteDestination', { destinationId: what.id }));
    }
    return act('deleting', 'subscription', () => ask('notifications.deleteSubscription', { subscriptionId: what.id }));
  }

  function migrate(): Promise<boolean> {
    return act('migrating', 'migration', () => ask('notifications.migrate', {}));
  }

  return {
    overview, loadError, busy, error, status, pendingDelete,
    destName, destKind, arn, accountId, region, destAttempted, destProblems,
    subDestinationId, allTypes, changeTypes, marketplaceIds, chosenTypes, filterProblem,
    load, createDestination, saveSubscription, toggleType, toggleMarketplace, askDelete, cancelDelete, confirmDelete, migrate,
  };
}

export type NotificationsStore = ReturnType<typeof createNotificationsStore>;
