/**
 * `npm run serve`: the whole service without Electron, with the UI served over HTTP.
 * Prints one JSON line when ready: {"event":"ready","printerPort":N,"httpPort":M,"dataDir":"..."}.
 * SIGTERM/SIGINT: finish in-flight receipts, close the database, exit 0.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DeskFailure } from '../shared';
import type { HttpServer } from './server';
import { DeskService } from './service';
import { loadSettings } from './settings';
import { startWebPage } from './server';

const HELP = `Usage: npm run serve -- --data-dir DIR [--printer-port N] [--printer-host H]
                     [--http-port M] [--http-host H] [--api-token T] [--station NAME]
                     [--relay-url URL --store-id ID [--relay-token T] [--relay-secret S]]
                     [--forward STATION=HOST:PORT]...
Port 0 picks a free port. Settings not given here come from DIR/settings.json.
--relay-url turns the cloud relay on; the token and signing secret may also come from the
environment (RECEIPT_DESK_RELAY_TOKEN, RECEIPT_DESK_RELAY_SECRET), which other users of this
PC cannot read the way they can read a command line. Either way they are kept in
DIR/relay-secrets.json, readable by this user only.
--forward passes every job of STATION through to the printer at HOST:PORT (repeatable).`;

/** "Bar=192.168.1.50:9100" as a pass-through printer; throws a sentence when it is not one. */
function forwardArg(text: string): { station: string; host: string; port: number } {
  const m = /^([^=]+)=(.+):(\d{1,5})$/u.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 1 || port > 65535) {
    throw new DeskFailure(
      'BAD_ARGUMENT',
      `--forward takes STATION=HOST:PORT, such as Bar=192.168.1.50:9100, not "${text}".`,
    );
  }
  return { station: m[1].trim(), host: m[2].replace(/^\[|\]$/gu, ''), port };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'printer-port': { type: 'string' },
      'printer-host': { type: 'string' },
      'http-port': { type: 'string' },
      'http-host': { type: 'string' },
      'api-token': { type: 'string' },
      station: { type: 'string' },
      'relay-url': { type: 'string' },
      'relay-token': { type: 'string' },
      'relay-secret': { type: 'string' },
      'store-id': { type: 'string' },
      forward: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const dataDir = path.resolve(values['data-dir'] ?? 'receipt-desk-data');
  const portArg = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      throw new DeskFailure(
        'BAD_ARGUMENT',
        `--${name} must be a port number from 0 to 65535, not "${v}".`,
      );
    }
    return n;
  };
  const printerPort = portArg('printer-port', values['printer-port']);
  const httpPort = portArg('http-port', values['http-port']);
  const forwards = (values.forward ?? []).map(forwardArg);
  const settings = loadSettings(dataDir, (s) => {
    if (printerPort !== undefined || values['printer-host'] || values.station) {
      const [first, ...rest] = s.listeners ?? [{}];
      s.listeners = [
        {
          ...first,
          ...(printerPort !== undefined ? { port: printerPort } : {}),
          ...(values['printer-host'] ? { host: values['printer-host'] } : {}),
          ...(values.station ? { station: values.station } : {}),
        },
        ...rest,
      ];
    }
    s.http = {
      ...s.http,
      ...(httpPort !== undefined ? { port: httpPort } : {}),
      ...(values['http-host'] ? { host: values['http-host'] } : {}),
      ...(values['api-token'] ? { apiToken: values['api-token'] } : {}),
    };
    if (values['relay-url'] || values['store-id']) {
      s.cloudRelay = {
        ...s.cloudRelay,
        enabled: true,
        ...(values['relay-url'] ? { url: values['relay-url'] } : {}),
        ...(values['store-id'] ? { storeId: values['store-id'] } : {}),
      };
    }
    if (forwards.length > 0) {
      const others = (s.passThrough ?? []).filter(
        (p) => !forwards.some((f) => f.station.toLowerCase() === p.station?.toLowerCase()),
      );
      s.passThrough = [...others, ...forwards];
    }
  });
  const token = values['relay-token'] ?? process.env.RECEIPT_DESK_RELAY_TOKEN;
  const secret = values['relay-secret'] ?? process.env.RECEIPT_DESK_RELAY_SECRET;

  const here = path.dirname(fileURLToPath(import.meta.url));
  const log = (message: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${message}\n`);
  };
  const service = new DeskService({
    dataDir,
    settings,
    workerDir: here,
    log,
  });
  await service.start();
  if (token || secret) {
    try {
      await service.setRelayCredentials({
        ...(token ? { token } : {}),
        ...(secret ? { secret } : {}),
      });
    } catch (err) {
      await service.stop();
      throw err;
    }
  }
  let http: HttpServer;
  let httpPortBound: number;
  try {
    ({ server: http, port: httpPortBound } = await startWebPage(service, settings.http, here));
  } catch (err) {
    await service.stop();
    throw err;
  }

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing in-flight receipts`);
    void (async () => {
      await http.close();
      await service.stop();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Started by scripts/serve.mjs as its child (to set the allocator's environment): when that
  // launcher goes, however it ends, so does the service.
  if (process.connected) process.on('disconnect', () => shutdown('launcher gone'));

  const health = await service.getHealth();
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', printerPort: health.printer.port, httpPort: httpPortBound, dataDir })}\n`,
  );
}

main().catch((err: unknown) => {
  const failure =
    err instanceof DeskFailure ? err : new DeskFailure('START_FAILED', (err as Error).message);
  process.stdout.write(
    `${JSON.stringify({ event: 'error', code: failure.code, message: failure.message })}\n`,
  );
  process.stderr.write(`Receipt Desk could not start: ${failure.message}\n`);
  process.exit(2);
});
