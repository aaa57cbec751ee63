// Memory the service gives back: after a burst of receipts, each thread (main, writer, pool)
// runs one full garbage collection once it is quiet, so RSS returns near idle.
export { IdleCollector, IDLE_COLLECT, collectGarbage } from './idle-collector';
export type { IdleCollectorOptions } from './idle-collector';
export { YOUNG_GENERATION_MB } from './young-generation';
