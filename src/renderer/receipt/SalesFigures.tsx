import { Badge, Group, Stack, Text } from '@mantine/core';
import { FigureTable } from '../components/figures';
import type { ReceiptFigures, ReceiptKind } from '../../shared/sales';
import { formatMoney } from '../format';

const KIND: Record<ReceiptKind, string> = {
  sale: 'Sale',
  refund: 'Refund',
  void: 'Void',
  kitchen: 'Kitchen ticket',
  'x-report': 'X report',
  'z-report': 'Z report (end of day)',
  'no-sale': 'No sale (drawer only)',
  other: 'No sale figures',
};

/**
 * The figures read from a receipt, beside its paper: what kind it is, the total, taxes, tip,
 * payments, and, in words, anything that was not found or does not add up.
 */
export function SalesFigures({ figures }: { figures: ReceiptFigures | null }) {
  if (!figures) {
    return (
      <Text size="xs" c="dimmed" data-testid="sales-figures">
        Sales figures: not read yet.
      </Text>
    );
  }
  const f = figures;
  const money = (v: number | null) => (v === null ? 'not found' : formatMoney(v, f.currency));
  const rows: [string, string][] = [];
  if (f.kind === 'sale' || f.kind === 'refund') {
    if (f.subtotal !== null) rows.push(['Subtotal', money(f.subtotal)]);
    if (f.discounts) rows.push(['Discounts', money(-f.discounts)]);
    if (f.serviceCharge !== null) rows.push(['Service', money(f.serviceCharge)]);
    for (const t of f.taxes) {
      const rate = t.rate !== null ? ` ${t.rate / 100}%` : '';
      rows.push([`Tax${rate}${t.included ? ' (in prices)' : ''}`, money(t.amount)]);
    }
    rows.push([f.kind === 'refund' ? 'Refunded' : 'Total', money(f.total)]);
    if (f.tip !== null) rows.push(['Tip', money(f.tip)]);
    for (const p of f.payments) {
      const card = p.last4 ? ` ···${p.last4}` : '';
      // The label as printed, without the masked number the last four digits already show.
      const label =
        p.brand ?? (p.label.replace(/[x*•#]{2,}[\s-]?\d{0,4}/giu, '').trim() || p.label);
      rows.push([`${label}${card}`, money(p.amount)]);
    }
    if (f.change !== null) rows.push(['Change', money(f.change)]);
  }
  const facts = [
    f.header.order && `Order ${f.header.order}`,
    f.header.table && `Table ${f.header.table}`,
    f.header.covers !== null && `${f.header.covers} guests`,
    f.header.server && `Server ${f.header.server}`,
  ].filter(Boolean);
  return (
    <Stack gap={4} data-testid="sales-figures" aria-label="Sales figures">
      <Group gap="xs">
        <Badge variant="default">{KIND[f.kind]}</Badge>
        {facts.length > 0 ? (
          <Text size="xs" c="dimmed">
            {facts.join(' · ')}
          </Text>
        ) : null}
        {f.kind === 'kitchen' ? (
          <Text size="xs" c="dimmed">
            {f.items.length} {f.items.length === 1 ? 'item' : 'items'}, no prices
          </Text>
        ) : null}
      </Group>
      {rows.length > 0 ? (
        <FigureTable rows={rows} withRowBorders={false} verticalSpacing={0} fz="sm" maw={360} />
      ) : null}
      {f.problems.map((p, k) => (
        <Text key={k} size="xs" className="figures-problem">
          {p}
        </Text>
      ))}
    </Stack>
  );
}
