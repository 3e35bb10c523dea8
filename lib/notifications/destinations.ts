/**
 * Where Amazon delivers notifications: an SQS queue (by ARN) or an EventBridge partner source.
 * Validation here is stricter than the model's `^arn:aws:sqs:\S+:\S+:\S+` so that a seller gets
 * "bad account id" in the popup instead of a bare 400 from createDestination.
 *
 * FIFO queues: neither the models nor spapi-facts.md say whether SP-API can deliver to them, so a
 * `.fifo` name is accepted as a valid shape and reported (`fifo: true`) for the UI to show.
 */

export const MAX_ARN_LENGTH = 1000; // SqsResource.arn maxLength in notifications.json
export const MAX_DESTINATION_NAME_LENGTH = 256; // Destination.name maxLength

import { isAwsRegion, isValidQueueName, parseQueueUrl, regionFromSqsHost } from '../net/rules';

const ACCOUNT_ID = /^\d{12}$/;

export type ArnError =
  | 'too-long'
  | 'not-arn'
  | 'not-aws-partition'
  | 'not-sqs'
  | 'bad-region'
  | 'bad-account-id'
  | 'bad-queue-name';

export interface SqsQueueRef {
  arn: string;
  region: string;
  accountId: string;
  queueName: string;
  fifo: boolean;
}

export type ArnResult = ({ ok: true } & SqsQueueRef) | { ok: false; reason: ArnError };

export const ARN_ERROR_KEYS: Readonly<Record<ArnError, string>> = {
  'too-long': 'ntf_arn_too_long',
  'not-arn': 'ntf_arn_not_arn',
  'not-aws-partition': 'ntf_arn_not_aws_partition',
  'not-sqs': 'ntf_arn_not_sqs',
  'bad-region': 'ntf_arn_bad_region',
  'bad-account-id': 'ntf_arn_bad_account_id',
  'bad-queue-name': 'ntf_arn_bad_queue_name',
};

/** Checks in the order a person reads an ARN, so the reason names the first part that is wrong. */
export function validateSqsArn(input: string): ArnResult {
  // Pasted values often carry a trailing newline or space; that is not the seller's mistake.
  const arn = input.trim();
  if (arn.length > MAX_ARN_LENGTH) return { ok: false, reason: 'too-long' };
  const parts = arn.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return { ok: false, reason: 'not-arn' };
  const [, partition, service, region = '', accountId = '', ...rest] = parts;
  // The model's pattern fixes the partition to "aws" (no China or GovCloud queues).
  if (partition !== 'aws') return { ok: false, reason: 'not-aws-partition' };
  if (service !== 'sqs') return { ok: false, reason: 'not-sqs' };
  if (!isAwsRegion(region)) return { ok: false, reason: 'bad-region' };
  if (!ACCOUNT_ID.test(accountId)) return { ok: false, reason: 'bad-account-id' };
  // A colon inside the name would make `rest` longer than one part.
  const queueName = rest.join(':');
  if (rest.length !== 1 || !isValidQueueName(queueName)) return { ok: false, reason: 'bad-queue-name' };
  return { ok: true, arn, region, accountId, queueName, fifo: queueName.endsWith('.fifo') };
}

export type EventBridgeError = 'bad-region' | 'bad-account-id';

export const EVENTBRIDGE_ERROR_KEYS: Readonly<Record<EventBridgeError, string>> = {
  'bad-region': 'ntf_eventbridge_bad_region',
  'bad-account-id': 'ntf_eventbridge_bad_account_id',
};

export type EventBridgeResult =
  | { ok: true; region: string; accountId: string }
  | { ok: false; reason: EventBridgeError };

export function validateEventBridge(input: { accountId: string; region: string }): EventBridgeResult {
  const region = input.region.trim();
  const accountId = input.accountId.trim();
  if (!isAwsRegion(region)) return { ok: false, reason: 'bad-region' };
  if (!ACCOUNT_ID.test(accountId)) return { ok: false, reason: 'bad-account-id' };
  return { ok: true, region, accountId };
}

/** The body of createDestination; exactly one resource type, as the model asks. */
export type CreateDestinationRequest = {
  name: string;
  resourceSpecification: { sqs: { arn: string } } | { eventBridge: { region: string; accountId: string } };
};

export type DestinationTarget =
  | { kind: 'sqs'; arn: string }
  | { kind: 'eventBridge'; region: string; accountId: string };

export type DestinationError = 'missing-name' | 'name-too-long' | ArnError | EventBridgeError;

export type BuildDestinationResult =
  | { ok: true; request: CreateDestinationRequest }
  | { ok: false; reason: DestinationError; key: string };

export function buildCreateDestinationRequest(input: { name: string; target: DestinationTarget }): BuildDestinationResult {
  const name = input.name.trim();
  if (name === '') return { ok: false, reason: 'missing-name', key: 'ntf_destination_missing_name' };
  if (name.length > MAX_DESTINATION_NAME_LENGTH) {
    return { ok: false, reason: 'name-too-long', key: 'ntf_destination_name_too_long' };
  }
  const target = input.target;
  if (target.kind === 'sqs') {
    const arn = validateSqsArn(target.arn);
    if (!arn.ok) return { ok: false, reason: arn.reason, key: ARN_ERROR_KEYS[arn.reason] };
    return { ok: true, request: { name, resourceSpecification: { sqs: { arn: arn.arn } } } };
  }
  const eb = validateEventBridge(target);
  if (!eb.ok) return { ok: false, reason: eb.reason, key: EVENTBRIDGE_ERROR_KEYS[eb.reason] };
  return { ok: true, request: { name, resourceSpecification: { eventBridge: { region: eb.region, accountId: eb.accountId } } } };
}

/** The standard SQS endpoint URL of a queue; undefined when the ARN is not valid. */
export function sqsQueueUrlFromArn(arn: string): string | undefined {
  const ref = validateSqsArn(arn);
  if (!ref.ok) return undefined;
  return `https://sqs.${ref.region}.amazonaws.com/${ref.accountId}/${ref.queueName}`;
}

/**
 * The ARN of a queue from its URL, for the standard host `sqs.<region>.amazonaws.com` and the
 * legacy `<region>.queue.amazonaws.com`. Custom endpoints (a local sandbox, VPC endpoints) name
 * no region reliably, so they give undefined rather than a guess.
 */
export function arnFromQueueUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.search !== '' || parsed.hash !== '') return undefined;
  const region = regionFromSqsHost(parsed.hostname);
  if (region === undefined) return undefined;
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  if (segments.length !== 2) return undefined;
  const [accountId = '', queueName = ''] = segments;
  const arn = `arn:aws:sqs:${region}:${accountId}:${queueName}`;
  return validateSqsArn(arn).ok ? arn : undefined;
}

const QUEUE_URL_PROBLEM_KEYS = { invalid: 'nui_queue_url_invalid', https: 'nui_queue_url_https', host: 'nui_queue_url_host' } as const;

/**
 * A queue URL's problem, as a message key, checked in the popup as the seller types and again in the
 * background; the rule itself is the egress gate's (lib/net/rules.ts parseQueueUrl).
 */
export function queueUrlProblem(queueUrl: string): string | undefined {
  const ref = parseQueueUrl(queueUrl);
  return typeof ref === 'string' ? QUEUE_URL_PROBLEM_KEYS[ref] : undefined;
}
