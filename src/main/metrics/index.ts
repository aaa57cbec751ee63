// Gauges sampled once a second (connections, pool, event loop, memory, OS threads, DB size,
// receipt rate) and handed to IPC, HTTP and SSE alike. Nothing here imports other modules:
// the service passes in functions that read them.
export { SampleWindow } from './sample-window';
export { RateCounter } from './rate-counter';
export { EventLoopGauge, osThreadCount } from './process-gauges';
export { MetricsSampler } from './sampler';
export type { MetricsSources } from './sampler';
