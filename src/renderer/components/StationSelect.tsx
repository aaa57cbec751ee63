import { Select } from '@mantine/core';
import { useDesk } from '../state/desk-store';

/**
 * "All stations" or one: the stations of the printer ports and of the receipts seen, as the
 * store knows them (Search and Export narrow by it).
 */
export function StationSelect({
  value,
  onChange,
  width,
}: {
  value: string | null;
  onChange: (station: string | null) => void;
  width: number;
}) {
  const stations = useDesk((s) => s.stations);
  return (
    <Select
      label="Station"
      placeholder="All stations"
      data={stations}
      value={value}
      onChange={onChange}
      clearable
      w={width}
    />
  );
}
