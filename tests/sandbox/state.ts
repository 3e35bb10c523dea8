/**
 * Everything the sandbox remembers between requests. POST /__control/reset replaces the whole
 * object, so a test never sees another test's tokens, uploads, messages or subscriptions.
 */
import { Clock } from './clock';
import { FaultQueue } from './faults';
import { TokenStore } from './lwa';
import type { SentMessage } from './messaging';
import type { Models } from './models';
import { NotificationStore } from './notifications';
import type { SandboxOrder } from './orders-data';
import { initialOrders } from './orders-data';
import { RateLimiter } from './rate-limit';
import type { Solicitation } from './solicitations';
import type { SandboxMode } from './static-sandbox';
import { QueueStore } from './sqs';
import { UploadStore } from './uploads';

export interface Violation {
  time: string;
  kind: 'response' | 'notification';
  operation?: string;
  status?: number;
  path?: string;
  errors: string;
  body?: unknown;
}

export interface SandboxState {
  clock: Clock;
  tokens: TokenStore;
  rates: RateLimiter;
  faults: FaultQueue;
  orders: Map<string, SandboxOrder>;
  messages: SentMessage[];
  /** Review requests Amazon accepted, in order. */
  solicitations: Solicitation[];
  uploads: UploadStore;
  notifications: NotificationStore;
  queues: QueueStore;
  violations: Violation[];
}

/** What every handler gets: the current state, the models, and the way to report a sandbox bug. */
export interface SandboxContext {
  state: SandboxState;
  models: Models;
  /** "static" answers only the models' static sandbox examples, as Amazon's own sandbox does. */
  mode: SandboxMode;
  reportViolation(violation: Omit<Violation, 'time'>): void;
}

export function createState(): SandboxState {
  const clock = new Clock();
  return {
    clock,
    tokens: new TokenStore(clock),
    rates: new RateLimiter(clock),
    faults: new FaultQueue(),
    orders: initialOrders(clock.now()),
    messages: [],
    solicitations: [],
    uploads: new UploadStore(),
    notifications: new NotificationStore(),
    queues: new QueueStore(),
    violations: [],
  };
}
