// `npm run serve`: builds when the build is missing or stale, then runs the headless service.
// The service runs in this process when the allocator settings of scripts/malloc-env.mjs are in
// its environment; otherwise this process starts one child with them (glibc reads them only at
// start), passes SIGTERM and SIGINT on, and exits as the child did. The child stops itself when
// this process goes (its IPC channel closes), so a kill of this process still ends the service.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildService } from './build-service.mjs';
import { lacksMallocEnv, withMallocEnv } from './malloc-env.mjs';

await buildService({ quiet: true });
if (lacksMallocEnv()) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { env: withMallocEnv(), stdio: ['inherit', 'inherit', 'inherit', 'ipc'] },
  );
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)));
} else {
  await import('../out/service/serve.js');
}
