/**
 * Answers in one shape: JSON with headers that keep browsers and caches out of it, and refusals
 * as `{ error, code }`, a sentence for the person who reads the desk's relay status and a code
 * for the program.
 */
import type { RelayRefused } from '../../src/shared/relay-wire';

export interface Refusal extends RelayRefused {
  code: string;
}

const API_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...API_HEADERS, ...headers } });
}

export function refuse(
  status: number,
  code: string,
  error: string,
  headers: Record<string, string> = {},
): Response {
  const body: Refusal = { error, code };
  return json(body, status, headers);
}
