import { Group, NativeSelect, SegmentedControl } from '@mantine/core';
import { useDeskApi } from '../api/desk-api-context';
import { useDesk } from '../state/desk-store';
import { showStation } from '../state/station-filter';

/** Station labels are never empty (settings), so '' can stand for every station. */
const ALL = '';
/**
 * Beyond this many stations the buttons would crowd the bar: a drop-down instead, the browser's
 * own (Mantine's Select brings its popover code into the Live screen's first script, which must
 * paint within half a second).
 */
const MAX_BUTTONS = 5;

/**
 * Picks the station the Live list shows: "All stations" or one of them. Hidden while there is
 * only one station to pick (a single printer port and no other station on a receipt).
 */
export function StationFilter() {
  const api = useDeskApi();
  const stations = useDesk((s) => s.stations);
  const station = useDesk((s) => s.station);
  if (stations.length < 2 && station === null) return null;
  const data = [
    { value: ALL, label: 'All stations' },
    ...stations.map((name) => ({ value: name, label: name })),
  ];
  const pick = (value: string | null) =>
    void showStation(api, useDesk, value === ALL || value === null ? null : value);
  return (
    <Group className="station-filter" gap="sm">
      {stations.length <= MAX_BUTTONS ? (
        <SegmentedControl
          size="xs"
          aria-label="Station"
          value={station ?? ALL}
          onChange={pick}
          data={data}
        />
      ) : (
        <NativeSelect
          size="xs"
          aria-label="Station"
          value={station ?? ALL}
          onChange={(e) => pick(e.currentTarget.value)}
          data={data}
          w={220}
        />
      )}
    </Group>
  );
}
