import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import {
  arnFromQueueUrl,
  buildCreateDestinationRequest,
  sqsQueueUrlFromArn,
  validateEventBridge,
  validateSqsArn,
} from '../../../lib/notifications/destinations';
import { MODELS_DIR } from './fixtures';

const model = JSON.parse(readFileSync(`${MODELS_DIR}/notifications.json`, 'utf8'));
const validateCreateDestination = new Ajv({ strict: false }).compile({
  $ref: '#/definitions/CreateDestinationRequest',
  definitions: model.definitions,
});

describe('validateSqsArn', () => {
  it('accepts a standard queue ARN and splits it', () => {
    expect(validateSqsArn('arn:aws:sqs:eu-central-1:123456789012:order-courier_events')).toEqual({
      ok: true,
      arn: 'arn:aws:sqs:eu-central-1:123456789012:order-courier_events',
      region: 'eu-central-1',
      accountId: '123456789012',
      queueName: 'order-courier_events',
      fifo: false,
    });
  });

  it('trims what a paste adds around the ARN', () => {
    expect(validateSqsArn('  arn:aws:sqs:us-east-2:444455556666:queue1\n')).toMatchObject({ ok: true, arn: 'arn:aws:sqs:us-east-2:444455556666:queue1' });
  });

  it('accepts a .fifo name as a valid shape and flags it', () => {
    expect(validateSqsArn('arn:aws:sqs:us-west-2:123456789012:orders.fifo')).toMatchObject({ ok: true, fifo: true });
  });

  it('accepts an 80-character name and refuses 81', () => {
    expect(validateSqsArn(`arn:aws:sqs:us-east-1:123456789012:${'q'.repeat(80)}`).ok).toBe(true);
    expect(validateSqsArn(`arn:aws:sqs:us-east-1:123456789012:${'q'.repeat(81)}`)).toEqual({ ok: false, reason: 'bad-queue-name' });
    expect(validateSqsArn(`arn:aws:sqs:us-east-1:123456789012:${'q'.repeat(75)}.fifo`).ok).toBe(true);
    expect(validateSqsArn(`arn:aws:sqs:us-east-1:123456789012:${'q'.repeat(76)}.fifo`).ok).toBe(false);
  });

  it.each([
    ['x'.repeat(1001), 'too-long'],
    ['', 'not-arn'],
    ['https://sqs.us-east-1.amazonaws.com/123456789012/q', 'not-arn'],
    ['arn:aws:sqs:us-east-1:123456789012', 'not-arn'],
    ['arn:aws-cn:sqs:cn-north-1:123456789012:q', 'not-aws-partition'],
    ['arn:aws:sns:us-east-1:123456789012:topic', 'not-sqs'],
    ['arn:aws:sqs:useast1:123456789012:q', 'bad-region'],
    ['arn:aws:sqs::123456789012:q', 'bad-region'],
    ['arn:aws:sqs:us-east-1:12345678901:q', 'bad-account-id'],
    ['arn:aws:sqs:us-east-1:1234567890ab:q', 'bad-account-id'],
    ['arn:aws:sqs:us-east-1:123456789012:', 'bad-queue-name'],
    ['arn:aws:sqs:us-east-1:123456789012:my queue', 'bad-queue-name'],
    ['arn:aws:sqs:us-east-1:123456789012:a:b', 'bad-queue-name'],
    ['arn:aws:sqs:us-east-1:123456789012:q.txt', 'bad-queue-name'],
  ])('%j → %s', (arn, reason) => {
    expect(validateSqsArn(arn)).toEqual({ ok: false, reason });
  });
});

describe('validateEventBridge', () => {
  it('accepts a region and a 12-digit account', () => {
    expect(validateEventBridge({ region: 'us-east-1', accountId: ' 123456789012 ' })).toEqual({ ok: true, region: 'us-east-1', accountId: '123456789012' });
  });
  it('names the wrong part', () => {
    expect(validateEventBridge({ region: 'US East', accountId: '123456789012' })).toEqual({ ok: false, reason: 'bad-region' });
    expect(validateEventBridge({ region: 'us-east-1', accountId: '1234' })).toEqual({ ok: false, reason: 'bad-account-id' });
  });
});

describe('buildCreateDestinationRequest', () => {
  it('builds an SQS destination the model accepts', () => {
    const result = buildCreateDestinationRequest({ name: ' Orders ', target: { kind: 'sqs', arn: 'arn:aws:sqs:eu-west-1:123456789012:orders' } });
    expect(result).toEqual({ ok: true, request: { name: 'Orders', resourceSpecification: { sqs: { arn: 'arn:aws:sqs:eu-west-1:123456789012:orders' } } } });
    expect(result.ok && validateCreateDestination(result.request)).toBe(true);
  });

  it('builds an EventBridge destination with only that resource', () => {
    const result = buildCreateDestinationRequest({ name: 'EB', target: { kind: 'eventBridge', region: 'us-east-1', accountId: '123456789012' } });
    expect(result).toEqual({ ok: true, request: { name: 'EB', resourceSpecification: { eventBridge: { region: 'us-east-1', accountId: '123456789012' } } } });
    expect(result.ok && validateCreateDestination(result.request)).toBe(true);
  });

  it('passes on the ARN reason with its i18n key', () => {
    expect(buildCreateDestinationRequest({ name: 'x', target: { kind: 'sqs', arn: 'arn:aws:sqs:us-east-1:42:q' } })).toEqual({
      ok: false,
      reason: 'bad-account-id',
      key: 'ntf_arn_bad_account_id',
    });
  });

  it('refuses an empty or too long name', () => {
    const target = { kind: 'sqs', arn: 'arn:aws:sqs:us-east-1:123456789012:q' } as const;
    expect(buildCreateDestinationRequest({ name: ' ', target })).toMatchObject({ ok: false, reason: 'missing-name' });
    expect(buildCreateDestinationRequest({ name: 'n'.repeat(257), target })).toMatchObject({ ok: false, reason: 'name-too-long' });
  });
});

describe('queue URL ⇄ ARN', () => {
  it('builds the standard endpoint URL from an ARN', () => {
    expect(sqsQueueUrlFromArn('arn:aws:sqs:ap-southeast-2:123456789012:orders.fifo')).toBe('https://sqs.ap-southeast-2.amazonaws.com/123456789012/orders.fifo');
    expect(sqsQueueUrlFromArn('arn:aws:sns:us-east-1:123456789012:t')).toBeUndefined();
  });

  it('reads an ARN back from standard and legacy URLs', () => {
    expect(arnFromQueueUrl('https://sqs.eu-west-1.amazonaws.com/123456789012/orders')).toBe('arn:aws:sqs:eu-west-1:123456789012:orders');
    expect(arnFromQueueUrl('https://eu-west-1.queue.amazonaws.com/123456789012/orders')).toBe('arn:aws:sqs:eu-west-1:123456789012:orders');
  });

  it('gives nothing for URLs that do not name a region or a queue', () => {
    expect(arnFromQueueUrl('http://127.0.0.1:4566/sqs/123456789012/orders')).toBeUndefined();
    expect(arnFromQueueUrl('https://sqs.eu-west-1.amazonaws.com/123456789012')).toBeUndefined();
    expect(arnFromQueueUrl('https://sqs.eu-west-1.amazonaws.com/123456789012/orders?x=1')).toBeUndefined();
    expect(arnFromQueueUrl('not a url')).toBeUndefined();
  });

  it('round-trips', () => {
    const arn = 'arn:aws:sqs:me-central-1:210987654321:q_1';
    expect(arnFromQueueUrl(sqsQueueUrlFromArn(arn) ?? '')).toBe(arn);
  });
});
