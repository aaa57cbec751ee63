/**
 * The cloud endpoint running for a test: the Worker in Miniflare (the real workerd runtime) on
 * a 127.0.0.1 port, with a real local D1 that the real migration files (migrations/) set up.
 * A root-level test imports it as `../cloud/test/harness` to run the desk's relay against it;
 * miniflare and esbuild then come from cloud/node_modules (npm ci --prefix cloud).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { CLOUD_DIR, type EntryName, workerScript } from './bundle';

export interface CloudOptions {
  relayToken: string;
  hmacSecret: string;
  readToken: string;
  /** A folder to keep D1 in, so a second start finds the receipts; in memory when absent. */
  persistTo?: string;
  /** Run the Worker with its D1 statements counted (test/worker/metered-worker.ts). */
  meter?: boolean;
  /**
   * Run the bundle `wrangler deploy --dry-run --outdir <folder>` wrote, which is what a deploy
   * uploads, instead of test/bundle.ts's.
   */
  wranglerOutdir?: string;
}

export interface Cloud {
  /** The Worker's origin, "http://127.0.0.1:<port>", no trailing slash. */
  url: string;
  /** Where the desk relays to: `${url}/v1/receipts`. */
  relayUrl: string;
  /** Runs SQL on the Worker's D1 and answers its rows. */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
}

/** The compatibility date wrangler.toml deploys with, so the tests run the same runtime rules. */
async function compatibilityDate(): Promise<string> {
  const toml = await readFile(path.join(CLOUD_DIR, 'wrangler.toml'), 'utf8');
  const m = /^compatibility_date\s*=\s*"([\d-]+)"/mu.exec(toml);
  if (m === null) throw new Error('wrangler.toml names no compatibility_date.');
  return m[1];
}

export async function startCloud(options: CloudOptions): Promise<Cloud> {
  const entry: EntryName = options.meter ? 'metered' : 'worker';
  const dir = options.wranglerOutdir;
  const code =
    dir === undefined
      ? { modules: true, script: await workerScript(entry) }
      : {
          modules: true,
          scriptPath: path.join(dir, 'index.js'),
          modulesRoot: dir,
          // wrangler.toml's text modules, as wrangler names them (hash-dashboard.js).
          modulesRules: [
            { type: 'Text' as const, include: ['**/*.html', '**/*.css', '**/*-dashboard.js'] },
          ],
        };
  const mf = new Miniflare({
    ...code,
    compatibilityDate: await compatibilityDate(),
    d1Databases: { DB: 'receipt-desk-local' },
    d1Persist: options.persistTo === undefined ? false : path.resolve(options.persistTo),
    bindings: {
      RELAY_TOKEN: options.relayToken,
      RELAY_HMAC_SECRET: options.hmacSecret,
      READ_TOKEN: options.readToken,
    },
    host: '127.0.0.1',
    port: 0,
  });
  try {
    const url = (await mf.ready).origin;
    const db = await mf.getD1Database('DB');
    await applyMigrations(db);
    return {
      url,
      relayUrl: `${url}/v1/receipts`,
      async query<T>(sql: string, ...params: unknown[]) {
        return (
          await db
            .prepare(sql)
            .bind(...params)
            .all<T>()
        ).results;
      },
      dispose: () => mf.dispose(),
    };
  } catch (e) {
    await mf.dispose();
    throw e;
  }
}

type Database = Awaited<ReturnType<Miniflare['getD1Database']>>;

/**
 * Applies the migration files not applied yet, in name order, each in one transaction, and
 * records them in d1_migrations as `wrangler d1 migrations apply` does (same table), so a
 * persisted database is migrated once.
 */
async function applyMigrations(db: Database): Promise<void> {
  await db
    .prepare(
      `CREATE TABLE IF NOT EXISTS d1_migrations (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         name TEXT UNIQUE,
         applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
    )
    .run();
  const applied = new Set(
    (await db.prepare('SELECT name FROM d1_migrations').all<{ name: string }>()).results.map(
      (r) => r.name,
    ),
  );
  const dir = path.join(CLOUD_DIR, 'migrations');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  for (const name of files) {
    if (applied.has(name)) continue;
    const sql = await readFile(path.join(dir, name), 'utf8');
    const statements = sql
      .replace(/--[^\n]*/gu, '')
      .split(/;\s*(?:\n|$)/u)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    await db.batch([
      ...statements.map((s) => db.prepare(s)),
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?1)').bind(name),
    ]);
  }
}
