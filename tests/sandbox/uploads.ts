/**
 * Uploads API (createUploadDestinationForResource) and the store of upload destinations and S3
 * objects it shares with the S3 stand-in and with Messaging's "does the attachment exist" check.
 */
import { randomUUID } from 'node:crypto';
import { messageType } from './message-types';
import { ORDER_ID_PATTERN } from './orders-data';
import { S3_BUCKET, presignUpload } from './s3';
import type { SpapiCall, SpapiResult } from './spapi-common';
import { csv, invalidInput } from './spapi-common';

export interface UploadDestination {
  uploadDestinationId: string;
  resource: string;
  amazonOrderId: string;
  segment: string;
  marketplaceId: string;
  contentMD5: string;
  contentType?: string;
  bucket: string;
  key: string;
  createdAt: string;
  /** Set once a PUT to the presigned URL passed every S3 check. */
  uploaded: boolean;
}

export interface StoredObject {
  bucket: string;
  key: string;
  uploadDestinationId?: string;
  size: number;
  contentMD5: string;
  etag: string;
  contentType?: string;
  uploadedAt: string;
  data: Buffer;
}

export class UploadStore {
  readonly destinations = new Map<string, UploadDestination>();
  /** `bucket/key` → object */
  readonly objects = new Map<string, StoredObject>();

  destinationForKey(bucket: string, key: string): UploadDestination | undefined {
    for (const d of this.destinations.values()) if (d.bucket === bucket && d.key === key) return d;
    return undefined;
  }

  objectFor(uploadDestinationId: string): StoredObject | undefined {
    const d = this.destinations.get(uploadDestinationId);
    return d?.uploaded ? this.objects.get(`${d.bucket}/${d.key}`) : undefined;
  }
}

const MESSAGING_RESOURCE = /^\/?messaging\/v1\/orders\/([^/]+)\/messages\/([^/]+)$/;
const BASE64_MD5 = /^[A-Za-z0-9+/]{22}==$/;

/** Explains the usual ways a Content-MD5 value is wrong (pain point #1 of SP-API users). */
export function describeBadMd5(value: string): string | null {
  if (BASE64_MD5.test(value) && Buffer.from(value, 'base64').length === 16) return null;
  if (/^[0-9a-f]{32}$/i.test(value)) return `contentMD5 "${value}" looks like a hex digest; it must be the Base64 encoding of the 16-byte MD5 digest (24 characters ending in "==").`;
  if (value.length === 44) return `contentMD5 "${value}" looks like Base64 of a hex digest; it must be the Base64 encoding of the raw 16-byte MD5 digest (24 characters ending in "==").`;
  return `contentMD5 "${value}" is not the Base64 encoding of a 16-byte MD5 digest (24 characters ending in "==").`;
}

export function createUploadDestinationForResource(call: SpapiCall): SpapiResult {
  const resource = call.params.resource ?? '';
  const marketplaceIds = csv(call.query, 'marketplaceIds');
  const contentMD5 = call.query.contentMD5?.[0] ?? '';
  const contentType = call.query.contentType?.[0];
  if (marketplaceIds.length !== 1) return invalidInput('marketplaceIds must list exactly one marketplace.');
  const md5Problem = describeBadMd5(contentMD5);
  if (md5Problem) return invalidInput(md5Problem);
  const match = MESSAGING_RESOURCE.exec(resource);
  const [, amazonOrderId = '', segment = ''] = match ?? [];
  if (!match) {
    return invalidInput(`Resource "${resource}" is not supported by the sandbox: use messaging/v1/orders/{amazonOrderId}/messages/{messageType}.`);
  }
  if (!ORDER_ID_PATTERN.test(amazonOrderId)) return invalidInput(`"${amazonOrderId}" is not an Amazon order id (3-7-7 digits).`);
  if (!messageType(segment)) return invalidInput(`"${segment}" is not a messaging message type.`);

  const { uploads, clock } = call.ctx.state;
  const uploadDestinationId = randomUUID();
  const key = `messaging/${uploadDestinationId}`;
  const headers = { 'Content-MD5': contentMD5, 'x-amz-server-side-encryption': 'AES256' };
  uploads.destinations.set(uploadDestinationId, {
    uploadDestinationId, resource, amazonOrderId, segment, marketplaceId: marketplaceIds[0] ?? '',
    contentMD5, contentType, bucket: S3_BUCKET, key, createdAt: new Date(clock.now()).toISOString(), uploaded: false,
  });
  const url = presignUpload(call.req.origin, S3_BUCKET, key, headers, clock.now());
  return { status: 201, body: { payload: { uploadDestinationId, url, headers } } };
}
