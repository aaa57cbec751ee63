// What the desk says about itself: /api/health with its problems (a full disk, tills turned
// away, a port not listening, a failed write) and the gauges the metrics sampler reads each
// second from capture, the pool and the store.
export { DeskHealth, type DeskHealthOptions } from './desk-health';
export { gaugeSources, type GaugeModules } from './gauge-sources';
