/**
 * The receipt's lines with the figures read from them, and teaching by example: the manager
 * clicks a line and says what it is; the station's profile learns the line's words, and a
 * preview over the station's recent receipts says how many reconcile before anything is kept.
 * Saving keeps the profile and reads the chosen days again, with the progress shown.
 */
import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  Menu,
  Progress,
  Stack,
  Text,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ReceiptDetail } from '../../shared/api';
import { PAYMENT_METHOD_NAMES, type ReceiptFigures } from '../../shared/sales';
import {
  type FiguresRereading,
  type ProfilePreview,
  ROLE_NAMES,
  type StationSalesProfile,
  TEACHABLE_ROLES,
  type TeachableRole,
} from '../../shared/sales-profile';
import { useDeskApi } from '../api/desk-api-context';
import { formatMoney } from '../format';
import { type DayRange, RereadDays } from './RereadDays';
import { SalesFigures } from './SalesFigures';

/** What each line of the receipt gave the figures ("Item", "Tax 19%", "Card"). */
function lineTags(f: ReceiptFigures | null): Map<number, string> {
  const tags = new Map<number, string>();
  if (!f) return tags;
  for (const i of f.items) tags.set(i.line, f.kind === 'kitchen' ? 'Kitchen item' : 'Item');
  for (const t of f.taxes) tags.set(t.line, t.rate !== null ? `Tax ${t.rate / 100}%` : 'Tax');
  for (const p of f.payments) tags.set(p.line, PAYMENT_METHOD_NAMES[p.method]);
  const l = f.lines;
  if (l) {
    if (l.subtotal !== null) tags.set(l.subtotal, 'Subtotal');
    if (l.total !== null) tags.set(l.total, f.kind === 'refund' ? 'Refunded' : 'Total');
    for (const k of l.tip) tags.set(k, 'Tip');
    for (const k of l.service) tags.set(k, 'Service');
    for (const k of l.discounts) tags.set(k, 'Discount');
    if (l.change !== null) tags.set(l.change, 'Change');
  }
  return tags;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'saved'; progress: FiguresRereading }
  | { kind: 'error'; message: string };

export function TeachFigures({
  receipt,
  onRead,
}: {
  receipt: ReceiptDetail;
  /** The receipt was read again (its figures changed): the drawer loads it anew. */
  onRead: () => void;
}) {
  const api = useDeskApi();
  const lines = useMemo(() => (receipt.text ?? '').split('\n'), [receipt.text]);
  const [saved, setSaved] = useState<StationSalesProfile | null>(null);
  const [preview, setPreview] = useState<ProfilePreview | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  // Business days read again on Save (null: only receipts from now on).
  const [reread, setReread] = useState<DayRange | null>(null);
  const [dayStart, setDayStart] = useState('04:00');

  useEffect(() => {
    let current = true;
    void api.getSalesProfile({ station: receipt.station }).then((r) => {
      if (current && r.ok) setSaved(r.value);
    });
    void api.getSettings().then((r) => {
      if (current && r.ok) setDayStart(r.value.settings.business.dayStart);
    });
    return () => {
      current = false;
    };
  }, [api, receipt.station]);

  // While receipts are read again, their progress is polled until none is left.
  const saving = phase.kind === 'saved' && phase.progress.left > 0;
  useEffect(() => {
    if (!saving) return;
    const timer = setInterval(() => {
      void api.getFiguresRereading().then((r) => {
        if (!r.ok) return;
        setPhase({ kind: 'saved', progress: r.value });
        if (r.value.left === 0) onRead();
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [api, saving, onRead]);

  const draft = preview?.profile ?? saved;
  const figures = preview?.figures ?? receipt.figures;
  const tags = lineTags(figures);

  async function ask(profile: StationSalesProfile, role?: TeachableRole, line?: number) {
    setPhase({ kind: 'busy' });
    const r = await api.previewSalesProfile({
      profile,
      teach:
        role !== undefined && line !== undefined
          ? { receiptId: receipt.id, line, role }
          : undefined,
      receiptId: receipt.id,
    });
    if (!r.ok) return setPhase({ kind: 'error', message: r.error.message });
    setPreview(r.value);
    setPhase(
      r.value.learned && 'problem' in r.value.learned
        ? { kind: 'error', message: r.value.learned.problem }
        : { kind: 'idle' },
    );
  }

  function forget(role: TeachableRole, phrase: string) {
    if (!draft) return;
    const labels = {
      ...draft.labels,
      [role]: (draft.labels[role] ?? []).filter((p) => p !== phrase),
    };
    void ask({ ...draft, labels });
  }

  async function save() {
    if (!draft) return;
    setPhase({ kind: 'busy' });
    const r = await api.saveSalesProfile({ profile: draft, reread: reread ?? undefined });
    if (!r.ok) return setPhase({ kind: 'error', message: r.error.message });
    setSaved(draft);
    setPreview(null);
    setPhase({ kind: 'saved', progress: r.value });
    if (r.value.left === 0) onRead();
  }

  const taught = draft
    ? TEACHABLE_ROLES.flatMap((role) => (draft.labels[role] ?? []).map((p) => ({ role, p })))
    : [];
  const changed = preview !== null;
  return (
    <Stack gap="sm" data-testid="teach-figures">
      <Text size="xs" c="dimmed">
        Lines marked on the right gave this receipt’s figures. If {receipt.station}’s till prints a
        figure in its own words, click that line and say what it is.
      </Text>
      <div className="paper teach-lines" role="list" aria-label="Receipt lines">
        {lines.map((text, index) => (
          <Menu key={index} position="bottom-start" withinPortal shadow="md">
            <Menu.Target>
              <button
                type="button"
                role="listitem"
                className={`teach-line${tags.has(index) ? ' teach-line-read' : ''}`}
                aria-label={`Line ${index + 1}: ${text.trim() || 'blank'}${tags.has(index) ? ` (read as ${tags.get(index)})` : ''}`}
                disabled={phase.kind === 'busy' || text.trim() === ''}
              >
                <span className="teach-text">{text || '\u00a0'}</span>
                {tags.has(index) ? <span className="teach-tag">{tags.get(index)}</span> : null}
              </button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>This line is…</Menu.Label>
              {TEACHABLE_ROLES.map((role) => (
                <Menu.Item key={role} onClick={() => draft && void ask(draft, role, index)}>
                  {ROLE_NAMES[role]}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ))}
      </div>
      {phase.kind === 'error' ? (
        <Alert color="red" variant="light" title="Nothing learned">
          {phase.message}
        </Alert>
      ) : null}
      {taught.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {receipt.station}’s own words
          </Text>
          <Group gap={6}>
            {taught.map(({ role, p }) => (
              <Badge
                key={`${role}:${p}`}
                variant="light"
                tt="none"
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={`Forget “${p}”`}
                    onClick={() => forget(role, p)}
                  />
                }
              >
                “{p}” → {ROLE_NAMES[role]}
              </Badge>
            ))}
          </Group>
        </Stack>
      ) : null}
      {preview ? (
        <Stack gap={6} className="teach-preview" aria-live="polite">
          <Text size="sm" data-testid="teach-preview">
            {preview.receipts === 0
              ? `${receipt.station} has no read receipts to try it on yet.`
              : `Of ${receipt.station}’s last ${preview.receipts} receipts, ${preview.reconciledAfter} would reconcile (${preview.reconciledBefore} now); ${preview.changedCount} would read differently.`}
          </Text>
          {preview.changed.slice(0, 5).map((c) => (
            <Text key={c.id} size="xs" c="dimmed">
              Receipt {c.id}:{' '}
              {c.before.total === null
                ? 'no total'
                : formatMoney(c.before.total, figures?.currency ?? null)}{' '}
              →{' '}
              {c.after.total === null
                ? 'no total'
                : formatMoney(c.after.total, figures?.currency ?? null)}
              {c.after.reconciled ? ' ✓' : ''}
            </Text>
          ))}
          <Group gap="xs" align="flex-end">
            <RereadDays dayStart={dayStart} onChange={setReread} />
            <Button size="xs" onClick={() => void save()} disabled={phase.kind === 'busy'}>
              Save for {receipt.station}
            </Button>
            <Button size="xs" variant="default" onClick={() => setPreview(null)}>
              Discard
            </Button>
          </Group>
        </Stack>
      ) : null}
      {phase.kind === 'saved' ? (
        <Stack gap={4} aria-live="polite">
          <Text size="sm" data-testid="teach-saved">
            {phase.progress.left > 0
              ? `Saved. Reading ${receipt.station}’s receipts again: ${phase.progress.left.toLocaleString()} left.`
              : `Saved. ${receipt.station}’s receipts are read with its own words.`}
          </Text>
          {phase.progress.asked > 0 ? (
            <Progress
              value={(100 * (phase.progress.asked - phase.progress.left)) / phase.progress.asked}
              aria-label="Receipts read again"
            />
          ) : null}
        </Stack>
      ) : null}
      {changed ? (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            This receipt with {receipt.station}’s words
          </Text>
          <SalesFigures figures={preview.figures} />
        </Stack>
      ) : null}
    </Stack>
  );
}
