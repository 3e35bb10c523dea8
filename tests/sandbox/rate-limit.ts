/**
 * One token bucket per SP-API operation, with the usage plans the models document. A caller that
 * ignores them gets 429 QuotaExceeded exactly where Amazon would throttle it.
 */
import type { Clock } from './clock';

export interface RatePlan {
  rate: number;
  burst: number;
}

const MESSAGING_OPERATIONS = [
  'getMessagingActionsForOrder', 'confirmCustomizationDetails', 'createConfirmDeliveryDetails',
  'createLegalDisclosure', 'createConfirmOrderDetails', 'createConfirmServiceDetails', 'CreateWarranty',
  'GetAttributes', 'createDigitalAccessKey', 'createUnexpectedProblem',
  // The model states no plan for sendInvoice; it gets its siblings' plan.
  'sendInvoice',
  // Not in the current model (retired types and the schema link); same plan as their siblings.
  'createNegativeFeedbackRemoval', 'CreateAmazonMotors', 'getMessagingActionSchema',
];
const SOLICITATION_OPERATIONS = ['getSolicitationActionsForOrder', 'createProductReviewAndSellerFeedbackSolicitation'];
const NOTIFICATION_OPERATIONS = [
  'getSubscriptions', 'getSubscription', 'createSubscription', 'getSubscriptionById', 'deleteSubscriptionById',
  'getDestinations', 'createDestination', 'getDestination', 'deleteDestination', 'sendTestNotification',
];

export function defaultRatePlans(): Record<string, RatePlan> {
  const plans: Record<string, RatePlan> = {
    createUploadDestinationForResource: { rate: 10, burst: 10 },
    getOrders: { rate: 0.0167, burst: 20 },
    searchOrders: { rate: 0.0056, burst: 20 },
    getOrder: { rate: 0.5, burst: 30 },
  };
  for (const op of [...MESSAGING_OPERATIONS, ...SOLICITATION_OPERATIONS, ...NOTIFICATION_OPERATIONS]) plans[op] = { rate: 1, burst: 5 };
  return plans;
}

interface Bucket {
  plan: RatePlan;
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly plans: Record<string, RatePlan> = defaultRatePlans(),
  ) {}

  /** Takes one token; false when the operation is throttled. Unknown operations are never throttled. */
  take(operation: string): boolean {
    const bucket = this.bucket(operation);
    if (!bucket) return true;
    const now = this.clock.now();
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(bucket.plan.burst, bucket.tokens + elapsed * bucket.plan.rate);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Changes a plan at run time; the bucket starts full with the new burst. */
  setPlan(operation: string, plan: RatePlan): void {
    this.plans[operation] = plan;
    this.buckets.delete(operation);
  }

  plan(operation: string): RatePlan | undefined {
    return this.plans[operation];
  }

  /** The `x-amzn-RateLimit-Limit` value: the plan's rate in requests per second. */
  limitHeader(operation: string): string | undefined {
    const plan = this.plans[operation];
    return plan ? String(plan.rate) : undefined;
  }

  private bucket(operation: string): Bucket | undefined {
    const existing = this.buckets.get(operation);
    if (existing) return existing;
    const plan = this.plans[operation];
    if (!plan) return undefined;
    const bucket = { plan, tokens: plan.burst, updatedAt: this.clock.now() };
    this.buckets.set(operation, bucket);
    return bucket;
  }
}
