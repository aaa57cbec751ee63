/**
 * How a call of the contract table travels over HTTP, one rule for every call: `:id` segments of
 * its path take the leading arguments; the rest go in the query string (GET: one object at
 * most, its fields as parameters) or as a JSON array in the body (POST). The renderer's HTTP
 * adapter encodes with this; the server's dispatcher decodes by the same table.
 */
import { type CallArgs, DESK_CONTRACT, type DeskCall, type HttpMethod } from './contract';

export interface HttpCall {
  method: HttpMethod;
  /** Path and query string, e.g. `/api/receipts?limit=100`. */
  target: string;
  /** POST only: the arguments after the path's, as a JSON array. */
  body: unknown[] | undefined;
}

/** The names of a path's parameters, in order: `/api/exports/:id/open` has `id`. */
export function pathParams(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s.startsWith(':'))
    .map((s) => s.slice(1));
}

export function encodeCall<K extends DeskCall>(name: K, args: CallArgs<K>): HttpCall {
  const spec = DESK_CONTRACT[name];
  const list = [...(args as readonly unknown[])];
  const n = pathParams(spec.path).length;
  const path = fillPath(spec.path, ...(list.slice(0, n) as (string | number)[]));
  const rest = list.slice(n);
  while (rest.length > 0 && rest[rest.length - 1] === undefined) rest.pop();
  if (spec.method === 'POST') {
    return { method: 'POST', target: path, body: rest.length > 0 ? rest : undefined };
  }
  return { method: 'GET', target: path + queryString(rest[0]), body: undefined };
}

/** An object's fields as a query string; undefined, null and '' are left out. */
export function queryString(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const params = new URLSearchParams();
  for (const [key, v] of Object.entries(value)) {
    if (v !== undefined && v !== null && v !== '') params.set(key, String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A path pattern with its `:id` segments filled in. */
export function fillPath(path: string, ...values: (string | number)[]): string {
  let i = 0;
  return path
    .split('/')
    .map((s) => (s.startsWith(':') ? encodeURIComponent(String(values[i++])) : s))
    .join('/');
}
