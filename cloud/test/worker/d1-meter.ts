/**
 * The D1 binding with every statement counted on its way through: runs inside workerd, around
 * the real local D1, so the limits test sees exactly what the Worker asked for.
 */
import type { D1Usage } from './d1-usage';

const encoder = new TextEncoder();

function valueBytes(v: unknown): number {
  if (typeof v === 'string') return encoder.encode(v).byteLength;
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return v.byteLength;
  return 8;
}

export function meteredD1(db: D1Database): { db: D1Database; usage: D1Usage } {
  const usage: D1Usage = { queries: 0, statements: [] };
  const known = new WeakMap<D1PreparedStatement, { sql: string; params: unknown[] }>();
  const count = (s: D1PreparedStatement) => {
    const k = known.get(s);
    if (k === undefined) throw new Error('A statement the meter did not prepare reached D1.');
    usage.queries++;
    usage.statements.push({
      sqlBytes: encoder.encode(k.sql).byteLength,
      params: k.params.length,
      largestValueBytes: Math.max(0, ...k.params.map(valueBytes)),
    });
  };
  // The real statement objects go on to the real D1 (db.batch() reads their insides); only
  // their methods are wrapped, as own properties.
  const track = (s: D1PreparedStatement, sql: string, params: unknown[]): D1PreparedStatement => {
    known.set(s, { sql, params });
    const bind = s.bind.bind(s);
    s.bind = (...values: unknown[]) => track(bind(...values), sql, values);
    for (const name of ['first', 'run', 'all', 'raw'] as const) {
      const run = (s[name] as (...a: unknown[]) => Promise<unknown>).bind(s);
      (s as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
        count(s);
        return run(...a);
      };
    }
    return s;
  };
  const metered = {
    prepare: (sql: string) => track(db.prepare(sql), sql, []),
    batch: (statements: D1PreparedStatement[]) => {
      statements.forEach(count);
      return db.batch(statements);
    },
    exec: () => {
      throw new Error('The Worker is not expected to call db.exec().');
    },
  };
  return { db: metered as unknown as D1Database, usage };
}
