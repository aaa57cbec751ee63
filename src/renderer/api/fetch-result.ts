/**
 * GET a JSON endpoint of the service as a Result. The server answers a success with the plain
 * value and a failure with a 4xx/5xx `{ ok: false, error: { code, message } }`.
 */
import type { DeskError, Result } from '../../shared/result';

export interface FetchInit {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** The web page's access token, when the service asks for one. */
  token?: string | null;
}

export async function fetchResult<T>(url: string, init: FetchInit = {}): Promise<Result<T>> {
  let res: Response;
  // A custom header on POST makes a browser ask first (CORS preflight), which the service never
  // grants: other web pages cannot make this PC print.
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.method === 'POST') headers['X-Receipt-Desk'] = '1';
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      cache: 'no-store',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return failure(
      'UNREACHABLE',
      'Receipt Desk is not answering. Check that it is running, then reload this page.',
    );
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return failure('BAD_RESPONSE', `Receipt Desk sent an unreadable answer (HTTP ${res.status}).`);
  }
  if (res.ok) return { ok: true, value: body as T };
  if (isErrorBody(body)) return { ok: false, error: body.error };
  return failure(`HTTP_${res.status}`, `Receipt Desk refused the request (HTTP ${res.status}).`);
}

function failure<T>(code: string, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

function isErrorBody(body: unknown): body is { ok: false; error: DeskError } {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as DeskError).code === 'string' &&
    typeof (error as DeskError).message === 'string'
  );
}
