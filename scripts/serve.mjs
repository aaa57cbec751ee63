// `npm run serve`: builds when the build is missing or stale, then runs the headless service in
// this same process (so signals, and a kill, reach the service itself).
import { buildService } from './build-service.mjs';

await buildService({ quiet: true });
await import('../out/service/serve.js');
