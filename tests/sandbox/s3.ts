/**
 * The S3 stand-in behind the Uploads API's presigned URLs, under /s3/{bucket}/{key}. It checks what
 * real S3 checks for such a PUT — the SigV4 query signature over the signed headers, expiry,
 * Content-MD5 format and body digest — because those are exactly the mistakes clients make.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SandboxReply, SandboxRequest } from './http';
import { header } from './http';
import type { AwsCredentials } from './sigv4';
import {
  SIGV4_ALGORITHM, UNSIGNED_PAYLOAD, canonicalRequest, parseAmzDate, presignUrl, signature, signaturesEqual, stringToSign,
} from './sigv4';
import type { SandboxContext } from './state';

export const S3_BUCKET = 'order-courier-sandbox-uploads';
export const PRESIGN_EXPIRES_SECONDS = 900;
const S3_REGION = 'us-east-1';
const MAX_OBJECT_BYTES = 50 * 1024 * 1024;
// The key the "Uploads service" signs with; random per process, so old URLs die with the process.
const SIGNER: AwsCredentials = { accessKeyId: 'ASIAORDERCOURIERUPLD', secretAccessKey: randomBytes(30).toString('base64') };

export function presignUpload(origin: string, bucket: string, key: string, headers: Record<string, string>, now: number): string {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return presignUrl({
    method: 'PUT',
    url: new URL(`${origin}/s3/${bucket}/${key}`),
    headers: lower,
    credentials: SIGNER,
    region: S3_REGION,
    service: 's3',
    expiresSeconds: PRESIGN_EXPIRES_SECONDS,
    now,
  });
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function s3Error(status: number, code: string, message: string, extra: Record<string, string> = {}): SandboxReply {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const fields = { Code: code, Message: message, ...extra, RequestId: requestId, HostId: randomBytes(24).toString('base64') };
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${Object.entries(fields).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('')}</Error>`;
  return { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId }, body: xml };
}

function lowerHeaders(req: SandboxRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

/** Verifies the presigned query signature; returns an S3 error reply, or null when the request is authentic. */
function checkPresignedSignature(req: SandboxRequest, now: number): SandboxReply | null {
  const q = (name: string) => req.query[name]?.[0];
  const algorithm = q('X-Amz-Algorithm');
  const credential = q('X-Amz-Credential');
  const date = q('X-Amz-Date');
  const expires = q('X-Amz-Expires');
  const signedHeadersParam = q('X-Amz-SignedHeaders');
  const provided = q('X-Amz-Signature');
  if (!algorithm && !credential && !provided) return s3Error(403, 'AccessDenied', 'Access Denied');
  if (algorithm !== SIGV4_ALGORITHM || !credential || !date || !expires || !signedHeadersParam) {
    return s3Error(400, 'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.');
  }
  const [accessKeyId, scopeDate, region, service, terminator] = credential.split('/');
  if (accessKeyId !== SIGNER.accessKeyId) {
    return s3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId ?? '' });
  }
  const signedAt = parseAmzDate(date);
  const expiresSeconds = Number(expires);
  if (Number.isNaN(signedAt) || !Number.isInteger(expiresSeconds) || scopeDate !== date.slice(0, 8) || terminator !== 'aws4_request') {
    return s3Error(400, 'AuthorizationQueryParametersError', 'Error parsing the X-Amz-Credential, X-Amz-Date or X-Amz-Expires parameter.');
  }
  if (now > signedAt + expiresSeconds * 1000) {
    return s3Error(403, 'AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expires,
      Expires: new Date(signedAt + expiresSeconds * 1000).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  }
  const signedHeaders = signedHeadersParam.split(';');
  const canonical = canonicalRequest({
    method: req.method,
    rawPath: req.rawPath,
    queryPairs: req.queryPairs.filter(([k]) => k !== 'X-Amz-Signature'),
    headers: lowerHeaders(req),
    signedHeaders,
    payloadHash: UNSIGNED_PAYLOAD,
    service: 's3',
  });
  const toSign = stringToSign(date, `${scopeDate}/${region}/${service}/aws4_request`, canonical);
  const expected = signature(SIGNER.secretAccessKey, date, { region: region ?? '', service: service ?? '' }, toSign);
  if (!provided || !signaturesEqual(expected, provided)) {
    return s3Error(403, 'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      { AWSAccessKeyId: accessKeyId, StringToSign: toSign, SignatureProvided: provided ?? '', CanonicalRequest: canonical });
  }
  return null;
}

export function handleS3(req: SandboxRequest, ctx: SandboxContext): SandboxReply {
  const [, , bucket = '', ...keyParts] = req.path.split('/');
  const key = keyParts.join('/');
  if (bucket !== S3_BUCKET) return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
  if (!key) return s3Error(403, 'AccessDenied', 'Access Denied');
  if (req.method === 'POST') {
    return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: 'POST', ResourceType: 'OBJECT' });
  }
  const contentMd5 = header(req, 'content-md5');
  const md5Bytes = contentMd5 === undefined ? undefined : Buffer.from(contentMd5, 'base64');
  if (contentMd5 !== undefined && (!/^[A-Za-z0-9+/]{22}==$/.test(contentMd5) || md5Bytes?.length !== 16)) {
    return s3Error(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.', { 'Content-MD5': contentMd5 });
  }
  if (req.method === 'PUT' && header(req, 'content-length') === undefined) {
    return s3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }

  const { clock, uploads } = ctx.state;
  const authError = checkPresignedSignature(req, clock.now());
  if (authError) return authError;
  // A correctly signed non-PUT is impossible with our URLs (the method is signed), but be explicit.
  if (req.method !== 'PUT') return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  if (req.body.length > MAX_OBJECT_BYTES) return s3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');

  const digest = createHash('md5').update(req.body).digest();
  if (md5Bytes && !digest.equals(md5Bytes)) {
    const multipart = (header(req, 'content-type') ?? '').startsWith('multipart/');
    return s3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.', {
      ExpectedDigest: md5Bytes.toString('hex'),
      CalculatedDigest: digest.toString('base64'),
      ...(multipart ? { SandboxHint: 'The body was sent as multipart/form-data: PUT the raw file bytes instead.' } : {}),
    });
  }

  const destination = uploads.destinationForKey(bucket, key);
  const etag = `"${digest.toString('hex')}"`;
  uploads.objects.set(`${bucket}/${key}`, {
    bucket, key, uploadDestinationId: destination?.uploadDestinationId, size: req.body.length,
    contentMD5: digest.toString('base64'), etag, contentType: header(req, 'content-type'),
    uploadedAt: new Date(clock.now()).toISOString(), data: req.body,
  });
  if (destination) destination.uploaded = true;
  return {
    status: 200,
    headers: { etag, 'x-amz-server-side-encryption': 'AES256', 'x-amz-request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase() },
    body: '',
  };
}
