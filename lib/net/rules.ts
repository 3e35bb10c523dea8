/**
 * The host and identifier rules every part of the extension agrees on, each written once. Pure: the
 * options page and the popup check what the seller types with the same functions the background's
 * egress gate (./egress.ts) enforces before any byte leaves.
 */

/** Amazon order ids: 3-7-7 digits (111-1234567-1234567). */
export const ORDER_ID_PATTERN = '^\\d{3}-\\d{7}-\\d{7}$';
const ORDER_ID = new RegExp(ORDER_ID_PATTERN);

export function isOrderId(value: string): boolean {
  return ORDER_ID.test(value);
}

/** AWS region names: two-letter area, one or more words, a number (eu-west-1, us-gov-west-1). */
export const AWS_REGION_PATTERN = '^[a-z]{2}(-[a-z]+)+-\\d{1,2}$';
const AWS_REGION_NAME = new RegExp(AWS_REGION_PATTERN);

export function isAwsRegion(value: string): boolean {
  return AWS_REGION_NAME.test(value);
}

/**
 * Host names that can only mean this machine: localhost and its subdomains (RFC 6761 keeps them on the
 * loopback interface), 127.0.0.0/8 and [::1]. Only these may be reached over plain http, because the
 * only thing served there is the project's local sandbox.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/** https anywhere, http only on loopback. */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** SQS queue names: 1-80 characters of letters, digits, - and _; FIFO queues add ".fifo" within the 80. */
const QUEUE_NAME = /^[A-Za-z0-9_-]+(?:\.fifo)?$/;
const MAX_QUEUE_NAME_LENGTH = 80;

export function isValidQueueName(name: string): boolean {
  return name.length >= 1 && name.length <= MAX_QUEUE_NAME_LENGTH && QUEUE_NAME.test(name);
}

/** The AWS region named by an SQS host (sqs.<region>.amazonaws.com or legacy <region>.queue.amazonaws.com). */
export function regionFromSqsHost(hostname: string): string | undefined {
  const host = hostname.toLowerCase();
  const match = /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host) ?? /^([a-z0-9-]+)\.queue\.amazonaws\.com$/.exec(host);
  const region = match?.[1];
  return region !== undefined && isAwsRegion(region) ? region : undefined;
}

export interface QueueRef {
  url: URL;
  accountId: string;
  queueName: string;
  /** From the host; undefined for a loopback queue (the sandbox), which names none. */
  region: string | undefined;
}

export type QueueUrlProblem = 'invalid' | 'https' | 'host';

/**
 * A queue URL the extension may read from: https://sqs.<region>.amazonaws.com/<12-digit account>/<name>,
 * the legacy https://<region>.queue.amazonaws.com/…, or a queue on this machine (the sandbox, any path
 * prefix). Any other host could hand the extension forged ORDER_CHANGE notifications, so it is refused.
 */
export function parseQueueUrl(raw: string): QueueRef | QueueUrlProblem {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'invalid';
  }
  if (url.username || url.password || url.search || url.hash) return 'invalid';
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return 'https';
  const region = regionFromSqsHost(url.hostname);
  if (!loopback && (region === undefined || url.port !== '')) return 'host';
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const [accountId = '', queueName = ''] = segments.slice(-2);
  if ((!loopback && segments.length !== 2) || !/^\d{12}$/.test(accountId) || !isValidQueueName(queueName)) return 'invalid';
  return { url, accountId, queueName, region };
}

/**
 * Amazon S3 host names a presigned upload URL may name: path-style s3.amazonaws.com,
 * s3.<region>.amazonaws.com and s3-<region>.amazonaws.com; virtual-hosted <bucket>.s3.amazonaws.com and
 * <bucket>.s3[.-]<region>.amazonaws.com (and the legacy s3-external-1); dual-stack s3.dualstack.<region>.amazonaws.com (also under a bucket).
 */
export function isAmazonS3Host(hostname: string): boolean {
  const host = hostname.toLowerCase();
  const m = /^(?:([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.)?s3(?:([.-])([a-z0-9-]+))?(?:\.([a-z0-9-]+))?\.amazonaws\.com$/.exec(host);
  if (!m) return false;
  const [, , sep, first, second] = m;
  if (first === undefined) return second === undefined; // s3.amazonaws.com, <bucket>.s3.amazonaws.com
  if (first === 'dualstack') return sep === '.' && second !== undefined && isAwsRegion(second);
  // s3-external-1 is us-east-1's legacy name, still handed out in presigned URLs.
  return second === undefined && (isAwsRegion(first) || (sep === '-' && first === 'external-1'));
}
