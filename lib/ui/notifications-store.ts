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
import { createAttemptTracker } from './field-attempt';

export type DestinationKind = 'sqs' | 'eventBridge';
/** The control an action started from: its result is shown next to it. */
export type ActionKind = 'create-destination' | 'delete-destination' | 'save-subscription' | 'delete-subscription' | 'migrate';
export type DestinationField = 'name' | 'arn' | 'accountId' | 'region';

/** The outcome of the last action. A failure carries Amazon's reason; `outcome` says what became of the change. */
export interface ActionResult {
  action: ActionKind;
  ok: boolean;
  outcome?: Explained;
  error?: Explained;
}

/** The background's question before it drops a filter expression the popup cannot edit. */
const EXPRESSION_QUESTION = 'ntf_filter_expression_would_be_lost';

/** The value a field asks for when it is left empty. */
const ENTER_KEYS: Readonly<Record<DestinationField, string>> = {
  name: 'ntf_destination_missing_name',
  arn: 'nui_enter_queue_arn',
  accountId: 'nui_enter_account_id',
  region: 'ntf_eventbridge_bad_region',
};
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
  /** The action under way; its control shows that it is working. */
  const busy = signal<ActionKind | undefined>(undefined);
  /** The last action's result, shown (and announced) next to the control that started it. */
  const result = signal<ActionResult | undefined>(undefined);
  /** The filter expression a replace would drop, once the background has asked before dropping it. */
  const confirmDropExpression = signal<string | undefined>(undefined);
  const pendingDelete = signal<PendingDelete | undefined>(undefined);

  const destName = signal('');
  const destKind = signal<DestinationKind>('sqs');
  const arn = signal('');
  const accountId = signal('');
  const region = signal('');
  /** Empty fields are not reported until the seller tries to create. */
  const attempt = createAttemptTracker<DestinationField>();

  const subDestinationId = signal('');
  const allTypes = signal(true);
  const changeTypes = signal<OrderChangeType[]>([]);
  const marketplaceIds = signal<string[]>([]);

  const target = computed<DestinationTarget>(() =>
    destKind.value === 'sqs' ? { kind: 'sqs', arn: arn.value } : { kind: 'eventBridge', accountId: accountId.value, region: region.value },
  );

  const fieldValue = (field: DestinationField) => ({ name: destName, arn, accountId, region })[field];
  const visibleFields = computed<DestinationField[]>(() => (destKind.value === 'sqs' ? ['name', 'arn'] : ['name', 'accountId', 'region']));

  /**
   * Problems per field. An empty field asks for its value (only after an attempt, until edited); a
   * filled one says what is wrong with it as the seller types.
   */
  const destProblems = computed(() => {
    const p: Partial<Record<DestinationField, Problem>> = {};
    const built = buildCreateDestinationRequest({ name: destName.value, target: target.value });
    const checks: Record<DestinationField, () => string | undefined> = {
      name: () => (!built.ok && built.reason === 'name-too-long' ? built.key : undefined),
      arn: () => {
        const checked = validateSqsArn(arn.value);
        return checked.ok ? undefined : ARN_ERROR_KEYS[checked.reason];
      },
      // Each field checked on its own, so both problems can show at once.
      region: () => {
        const checked = validateEventBridge({ region: region.value, accountId: '123456789012' });
        return checked.ok ? undefined : EVENTBRIDGE_ERROR_KEYS[checked.reason];
      },
      accountId: () => {
        const checked = validateEventBridge({ region: 'us-east-1', accountId: accountId.value });
        return checked.ok ? undefined : EVENTBRIDGE_ERROR_KEYS[checked.reason];
      },
    };
    for (const field of visibleFields.value) {
      const value = fieldValue(field).value;
      const key = value.trim() === '' ? attempt.askFor(field, value, ENTER_KEYS[field]) : checks[field]();
      if (key) p[field] = problem(key);
    }
    return p;
  });

  /** The seller typed in a field: its "enter a value" request is answered, or stale. */
  function editDestination(field: DestinationField, value: string) {
    fieldValue(field).value = value;
    attempt.edited(field);
  }

  /** Another kind of destination shows other fields: requests made for the old ones do not carry over. */
  function chooseKind(kind: DestinationKind) {
    if (destKind.value === kind) return;
    destKind.value = kind;
    attempt.reset();
  }

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

  function adopt(next: NotificationsOverview, keepForm = false) {
    overview.value = next;
    if (!keepForm) fillSubscriptionForm(next);
  }

  async function load() {
    loadError.value = undefined;
    try {
      adopt(await ask('notifications.overview', {}));
    } catch (e) {
      loadError.value = explainedOf(e);
    }
  }

  async function act(action: ActionKind, run: () => Promise<NotificationsChange>): Promise<boolean> {
    busy.value = action;
    result.value = undefined;
    try {
      const change = await run();
      // A question back changed nothing at Amazon: the seller's unsaved choices stay in the form for their answer.
      adopt(change.overview, change.outcome.key === EXPRESSION_QUESTION);
      result.value = change.error
        ? { action, ok: false, outcome: change.outcome, error: change.error }
        : { action, ok: true, outcome: change.outcome };
      return !change.error;
    } catch (e) {
      result.value = { action, ok: false, error: explainedOf(e) };
      return false;
    } finally {
      busy.value = undefined;
    }
  }

  async function createDestination(): Promise<boolean> {
    attempt.attempt(visibleFields.value);
    if (Object.keys(destProblems.value).length > 0 || !buildCreateDestinationRequest({ name: destName.value, target: target.value }).ok) return false;
    const done = await act('create-destination', () =>
      ask('notifications.createDestination', { name: destName.value.trim(), target: target.value }),
    );
    if (done) {
      destName.value = arn.value = accountId.value = region.value = '';
      attempt.reset();
    }
    return done;
  }

  /**
   * Saves the filter. When the background answers that the current subscription has a filter
   * expression the popup cannot edit, nothing is changed and the seller is asked; `dropExpression`
   * is their yes.
   */
  async function saveSubscription(dropExpression = false): Promise<boolean> {
    if (filterProblem.value) return false;
    confirmDropExpression.value = undefined;
    const done = await act('save-subscription', () =>
      ask('notifications.saveSubscription', {
        destinationId: subDestinationId.value,
        changeTypes: chosenTypes.value,
        marketplaceIds: marketplaceIds.value,
        ...(dropExpression ? { dropFilterExpression: true } : {}),
      }),
    );
    const asked = result.value;
    if (!done && asked?.outcome?.key === EXPRESSION_QUESTION) {
      confirmDropExpression.value = asked.outcome.substitutions[0] ?? '';
      result.value = undefined;
    }
    return done;
  }

  function keepExpression() {
    confirmDropExpression.value = undefined;
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
      return act('delete-destination', () => ask('notifications.deleteDestination', { destinationId: what.id }));
    }
    return act('delete-subscription', () => ask('notifications.deleteSubscription', { subscriptionId: what.id }));
  }

  function migrate(): Promise<boolean> {
    return act('migrate', () => ask('notifications.migrate', {}));
  }

  return {
    overview, loadError, busy, result, pendingDelete, confirmDropExpression,
    destName, destKind, arn, accountId, region, destProblems,
    subDestinationId, allTypes, changeTypes, marketplaceIds, chosenTypes, filterProblem,
    load, editDestination, chooseKind, createDestination, saveSubscription, keepExpression,
    toggleType, toggleMarketplace, askDelete, cancelDelete, confirmDelete, migrate,
  };
}

export type NotificationsStore = ReturnType<typeof createNotificationsStore>;
