/** Types and error helpers shared by the SP-API operation handlers. */
import type { SandboxRequest } from './http';
import type { SandboxContext } from './state';

export interface SpapiCall {
  req: SandboxRequest;
  params: Record<string, string>;
  query: Record<string, string[]>;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  ctx: SandboxContext;
}

export interface SpapiResult {
  status: number;
  body: unknown;
}

export function spapiError(status: number, code: string, message: string, details = ''): SpapiResult {
  return { status, body: { errors: [{ code, message, details }] } };
}

export function invalidInput(details: string): SpapiResult {
  return spapiError(400, 'InvalidInput', 'Invalid Input', details);
}

export function notFound(message: string, details = ''): SpapiResult {
  return spapiError(404, 'NotFound', message, details);
}

/** Query arrays use Swagger 2.0's default csv format; repeated parameters are accepted too. */
export function csv(query: Record<string, string[]>, name: string): string[] {
  return (query[name] ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
