/**
 * Test fixtures: a real DeskService on ephemeral 127.0.0.1 ports with a real SQLite file in a
 * temp dir, the same built pool worker `npm run serve` uses, and small raw-socket POS helpers.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ReceiptSummary, SettingsInput } from '../../src/shared';
import { settingsSchema } from '../../src/shared';
import { afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { DeskService } from '../../src/main/service';
import { DB_FILE } from '../../src/main/store';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const WORKER_DIR = path.join(ROOT, 'out', 'service');
export const SERVE_FILE = path.join(ROOT, 'out', 'service', 'serve.js');

export function tempDir(prefix = 'receipt-desk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Desk {
  service: DeskService;
  /** The first printer port, and every port in settings order. */
  port: number;
  ports: number[];
  /** The SQLite file, for tests that check what was really written, or age receipts. */
  receiptsFile: string;
  /** The receipts file opened read-only beside the service (closed by stop). */
  reader(): Database.Database;
  dataDir: string;
  /** Every receipt announced so far, in order. */
  announced: ReceiptSummary[];
  /** Every line the service logged, in order. */
  logs: string[];
  /** Resolves once `count` receipts have been announced in total. */
  waitForReceipts(count: number, timeoutMs?: number): Promise<ReceiptSummary[]>;
  stop(): Promise<void>;
}

export async function startDesk(
  input: SettingsInput = {},
  dataDir = tempDir(),
  /** Receives the service's log lines (tests that check what the log says). */
  log?: (message: string) => void,
): Promise<Desk> {
  const settings = settingsSchema.parse({
    ...input,
    listeners: input.listeners ?? [{ host: '127.0.0.1', port: 0, station: 'Front' }],
  });
  const logs: string[] = [];
  const service = new DeskService({
    dataDir,
    settings,
    workerDir: WORKER_DIR,
    log: (line) => {
      logs.push(line);
      log?.(line);
    },
  });
  await service.start();
  const announced: ReceiptSummary[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  service.onReceipts((batch) => {
    announced.push(...batch);
    for (const w of waiters.filter((w) => announced.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  let reader: Database.Database | null = null;
  // The printer ports as the contract reports them (port 0 has become a real one).
  const ports = (await service.getHealth()).listeners.map((l) => l.port);
  return {
    service,
    port: ports[0],
    ports,
    dataDir,
    receiptsFile: path.join(dataDir, DB_FILE),
    announced,
    logs,
    async waitForReceipts(count, timeoutMs = 15_000) {
      if (announced.length < count) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`only ${announced.length} of ${count} receipts announced`)),
            timeoutMs,
          );
          waiters.push({
            count,
            resolve: () => {
              clearTimeout(timer);
              resolve();
            },
          });
        });
      }
      return announced.slice(0, count);
    },
    reader() {
      reader ??= new Database(path.join(dataDir, DB_FILE), { readonly: true });
      return reader;
    },
    async stop() {
      reader?.close();
      reader = null;
      await service.stop();
    },
  };
}

/**
 * For a test file: starts desks like startDesk and stops every one of them after each test
 * (also when the test failed), so no port or worker thread outlives its test.
 */
export function desksStoppedAfterEach(): (...args: Parameters<typeof startDesk>) => Promise<Desk> {
  let desks: Desk[] = [];
  afterEach(async () => {
    for (const d of desks) await d.stop();
    desks = [];
  });
  return async (...args) => {
    const d = await startDesk(...args);
    desks.push(d);
    return d;
  };
}

export interface RawResult {
  /** Everything the printer sent back. */
  replies: Buffer;
  /** True when the server closed the connection gracefully (our receipt is committed). */
  acknowledged: boolean;
}

/** Sends bytes like a POS that half-closes when done and waits for the printer to close. */
export function sendRaw(
  port: number,
  data: Buffer | Buffer[],
  timeoutMs = 15_000,
): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the printer did not close the connection in time'));
    }, timeoutMs);
    socket.on('connect', () => {
      for (const d of Array.isArray(data) ? data : [data]) socket.write(d);
      socket.end();
    });
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve({ replies: Buffer.concat(chunks), acknowledged: true });
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Connects and resolves once connected (for tests that keep the connection open). */
export function openSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends a status request and resolves with the reply once `length` bytes have come back. */
export function ask(socket: net.Socket, request: number[], length: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const onData = (d: Buffer) => {
      parts.push(d);
      const all = Buffer.concat(parts);
      if (all.length >= length) {
        socket.off('data', onData);
        resolve(all);
      }
    };
    socket.on('data', onData);
    socket.write(Buffer.from(request));
  });
}

/** Resolves when the peer closes (FIN or reset) the socket; then closes our side too. */
export function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed || socket.readableEnded) return resolve();
    const done = (): void => {
      socket.destroy();
      resolve();
    };
    socket.once('end', done);
    socket.once('close', done);
  });
}

/** Polls until `check` returns a value that is not undefined/false, or throws after timeout. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const esc = {
  init: Buffer.from([0x1b, 0x40]),
  cut: Buffer.from([0x1d, 0x56, 0x42, 0x00]),
  text: (s: string) => Buffer.from(s, 'latin1'),
  receipt: (...lines: string[]) =>
    Buffer.concat([
      Buffer.from([0x1b, 0x40]),
      Buffer.from(lines.join('\n') + '\n', 'latin1'),
      Buffer.from([0x1d, 0x56, 0x42, 0x00]),
    ]),
};
