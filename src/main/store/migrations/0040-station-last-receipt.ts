import type { Migration } from './types';

/**
 * The System screen shows when each station last printed, asked for every second: this index
 * answers "newest printed receipt of station S" with one seek, however quiet S has been (the
 * time index alone would scan back through every other station's receipts).
 */
export const m0040: Migration = {
  version: 40,
  name: 'station-last-receipt',
  up: `
    CREATE INDEX receipts_by_station_time ON receipts (station, received_at) WHERE empty = 0;
  `,
};
