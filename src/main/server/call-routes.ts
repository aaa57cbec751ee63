/**
 * The HTTP routes of the contract table: which call a request is, and its arguments decoded by
 * the rule in shared/contract-http (path segments, then the query string or a JSON array body).
 * Query values are strings; each becomes the type its field's schema asks for, so the table's
 * one schema checks HTTP and IPC alike (unknown fields are refused on both).
 */
import type http from 'node:http';
import { z } from 'zod';
import type { DeskCall } from '../../shared';
import { DESK_CALLS, DESK_CONTRACT, DeskFailure, innerSchema, pathParams } from '../../shared';
import { readOptionalJsonBody } from './json-body';

export interface RouteMatch {
  name: DeskCall;
  /** The values of the path's `:id` segments, in order. */
  pathValues: string[];
}

interface Route {
  name: DeskCall;
  method: string;
  pattern: RegExp;
}

export class CallRoutes {
  private readonly routes: Route[] = DESK_CALLS.map((name) => ({
    name,
    method: DESK_CONTRACT[name].method,
    pattern: pathPattern(DESK_CONTRACT[name].path),
  }));

  /**
   * The call this request names; null when no call has this path. A path of a call asked with
   * another method is METHOD_NOT_ALLOWED.
   */
  match(method: string, pathname: string): RouteMatch | null {
    let pathKnown = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(pathname);
      if (!m) continue;
      pathKnown = true;
      if (r.method === method) return { name: r.name, pathValues: m.slice(1) };
    }
    if (pathKnown) {
      throw new DeskFailure('METHOD_NOT_ALLOWED', `${method} is not allowed on ${pathname}.`);
    }
    return null;
  }

  /** The call's arguments as IPC would carry them, ready for the table's schema. */
  async decodeArgs(
    match: RouteMatch,
    url: URL,
    req: http.IncomingMessage,
  ): Promise<readonly unknown[]> {
    const spec = DESK_CONTRACT[match.name];
    const args: unknown[] = match.pathValues.map(pathValue);
    if (spec.method === 'POST') {
      const body = await readOptionalJsonBody(req);
      if (body === undefined) return args;
      if (!Array.isArray(body)) {
        throw new DeskFailure(
          'BAD_REQUEST',
          `The body of ${spec.path} is a JSON array of the call's arguments.`,
        );
      }
      return [...args, ...(body as unknown[])];
    }
    const query = [...url.searchParams.entries()];
    const itemSchemas = (spec.args as z.ZodTuple).def.items;
    const queryArg = itemSchemas[args.length];
    if (queryArg === undefined) {
      if (query.length > 0) {
        throw new DeskFailure('BAD_REQUEST', `${spec.path} takes no query parameters.`);
      }
      return args;
    }
    return [...args, typedQuery(queryArg, query)];
  }
}

/** `/api/exports/:id` -> /^\/api\/exports\/([^/]+)$/ */
export function pathPattern(path: string): RegExp {
  const names = new Set(pathParams(path));
  const source = path
    .split('/')
    .map((s) => (names.has(s.slice(1)) && s.startsWith(':') ? '([^/]+)' : escapeRegExp(s)))
    .join('\\/');
  return new RegExp(`^${source}$`, 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Path segments name receipts and exports by number. */
function pathValue(text: string): unknown {
  const decoded = decodeURIComponent(text);
  return /^\d{1,15}$/u.test(decoded) ? Number(decoded) : decoded;
}

/** Query parameters as the object the schema describes: numbers and booleans typed. */
function typedQuery(schema: z.core.$ZodType, query: [string, string][]): Record<string, unknown> {
  const shape = objectShape(schema);
  const out: Record<string, unknown> = {};
  for (const [key, value] of query) {
    if (value === '') continue;
    const field = shape?.[key];
    out[key] = field ? typed(field, value) : value;
  }
  return out;
}

function objectShape(schema: z.core.$ZodType): Record<string, z.core.$ZodType> | null {
  const inner = innerSchema(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.core.$ZodType>) : null;
}

function typed(field: z.core.$ZodType, value: string): unknown {
  const inner = innerSchema(field);
  if (inner instanceof z.ZodNumber && /^-?\d+(\.\d+)?$/u.test(value)) return Number(value);
  if (inner instanceof z.ZodBoolean && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return value;
}
