/** Runs `node scripts/serve.mjs` as a real child process, as `npm run serve` does. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { ROOT } from './desk';

export interface ServeProcess {
  child: ChildProcess;
  printerPort: number;
  httpPort: number;
  dataDir: string;
  stderr: () => string;
  url: (p: string) => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export interface ServeFailure {
  event: 'error';
  code: string;
  message: string;
  exitCode: number | null;
}

/**
 * The allocator settings scripts/serve.mjs gives the service (scripts/malloc-env.mjs). With them
 * already set, the launcher runs the service in its own process, so a signal or a kill -9 of
 * `child` reaches the service itself; `env` replaces them to test the launcher.
 */
export const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '16384' };

export function startServe(
  args: string[],
  timeoutMs = 20_000,
  env: NodeJS.ProcessEnv = { ...MALLOC_ENV, ...process.env },
): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.mjs'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve was not ready in ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const msg = JSON.parse(line) as Record<string, unknown>;
      if (msg.event !== 'ready') {
        void exited.then((exitCode) =>
          reject(Object.assign(new Error(String(msg.message)), { ...msg, exitCode })),
        );
        return;
      }
      const httpPort = msg.httpPort as number;
      resolve({
        child,
        printerPort: msg.printerPort as number,
        httpPort,
        dataDir: msg.dataDir as string,
        stderr: () => err,
        url: (p) => `http://127.0.0.1:${httpPort}${p}`,
        exited,
      });
    });
  });
}

export async function getJson<T = unknown>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}
