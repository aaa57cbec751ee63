/**
 * Teaching a station's layout from one receipt (issue 12, section 2): a Turkish lokanta's POS
 * labels its figures in words the built-in profile does not know (TOPLAM, ARA TOPLAM, NAKİT,
 * KREDİ KARTI, PARA ÜSTÜ), so none of its receipts reconciles. The manager points at the lines
 * of one receipt; the preview says how many of the station's receipts now reconcile; saving
 * reads the day again and the daily report sums to the truth. Printed by node-thermal-printer
 * (code page PC857) through the real listener, into a real receipts file.
 */
import { describe, expect, it } from 'vitest';
import type { StationSalesProfile, TeachableRole } from '../src/shared';
import { businessDayOf, systemTimeZone } from '../src/main/days';
import { desksStoppedAfterEach, eventually } from './helpers/desk';
import { type LokantaTruth as Truth, printLokantaCheck as printCheck } from './helpers/lokanta';

const desk = desksStoppedAfterEach();

const CHECKS = 24;

describe('teaching a station its layout from one receipt', () => {
  it('makes a layout the default cannot read reconcile, in the preview and in the report', async () => {
    const d = await desk({ listeners: [{ host: '127.0.0.1', port: 0, station: 'Lokanta' }] });
    const truths: Truth[] = [];
    for (let seed = 0; seed < CHECKS; seed++) truths.push(await printCheck(d.port, seed));
    const receipts = await d.waitForReceipts(CHECKS);
    const first = await d.service.getReceipt(receipts[0].id);
    const lines = first.text!.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^KREDİ KARTI \*{4}4821 +\d/u));

    // The built-in profile finds no total on any of them.
    expect(first.figures!.total).toBeNull();
    const empty: StationSalesProfile = await d.service.getSalesProfile({ station: 'Lokanta' });
    expect(empty.labels).toEqual({});
    let preview = await d.service.previewSalesProfile({ profile: empty });
    expect(preview).toMatchObject({ receipts: CHECKS, reconciledBefore: 0, reconciledAfter: 0 });

    // The manager points at five lines of the first receipt.
    const at = (start: string) => lines.findIndex((l) => l.startsWith(start));
    const taught: [string, TeachableRole, string][] = [
      ['TOPLAM', 'total', 'toplam'],
      ['ARA TOPLAM', 'subtotal', 'ara toplam'],
      ['NAKİT', 'cash', 'nakit'],
      ['KREDİ KARTI', 'card', 'kredi karti'],
      ['PARA ÜSTÜ', 'change', 'para ustu'],
    ];
    let profile = empty;
    for (const [start, role, phrase] of taught) {
      expect(at(start), start).toBeGreaterThanOrEqual(0);
      preview = await d.service.previewSalesProfile({
        profile,
        teach: { receiptId: first.id, line: at(start), role },
        receiptId: first.id,
      });
      // The amount, the card's digits and the accents are not part of what is learned.
      expect(preview.learned).toEqual({ role, phrase });
      profile = preview.profile;
    }
    expect(profile.labels).toEqual({
      total: ['toplam'],
      subtotal: ['ara toplam'],
      cash: ['nakit'],
      card: ['kredi karti'],
      change: ['para ustu'],
    });
    // Every check of the station now reconciles, and the open one reads as printed.
    expect(preview).toMatchObject({ receipts: CHECKS, reconciledBefore: 0 });
    expect(preview.reconciledAfter).toBe(CHECKS);
    expect(preview.changedCount).toBe(CHECKS);
    expect(preview.figures).toMatchObject({
      kind: 'sale',
      total: truths[0].total,
      change: truths[0].change,
      problems: [],
    });
    expect(preview.figures!.payments.map((p) => [p.method, p.amount, p.last4])).toEqual([
      ['card', truths[0].card, '4821'],
      ['cash', truths[0].cash + truths[0].change, null],
    ]);
    // Nothing is kept until saved: the report still has no total for them.
    const day = businessDayOf(Date.now(), { dayStart: '04:00', timeZone: systemTimeZone() });
    const before = await d.service.getDailyReport({ date: day, station: 'Lokanta' });
    expect(before.unparsedCount).toBe(CHECKS);

    // Saving keeps the profile and reads the day again in the background.
    const started = await d.service.saveSalesProfile({ profile, reread: { from: day, to: day } });
    expect(started.asked).toBe(CHECKS);
    await eventually(async () => (await d.service.getFiguresRereading()).left === 0, 15_000);
    expect((await d.service.getSettings()).settings.business.profiles).toEqual([profile]);
    const report = await d.service.getDailyReport({ date: day, station: 'Lokanta' });
    const sum = (f: (t: Truth) => number) => truths.reduce((n, t) => n + f(t), 0);
    expect(report).toMatchObject({
      unparsedCount: 0,
      saleCount: CHECKS,
      total: sum((t) => t.total),
      payments: { cash: sum((t) => t.cash), card: sum((t) => t.card) },
    });
    // New checks are read with the profile as they arrive.
    const next = await printCheck(d.port, 2);
    const [, , ...rest] = await d.waitForReceipts(CHECKS + 1);
    const latest = await d.service.getReceipt(rest[rest.length - 1].id);
    expect(latest.figures).toMatchObject({ total: next.total, problems: [] });
  });

  it('refuses to learn from another station’s receipt or a line without words', async () => {
    const d = await desk({
      listeners: [
        { host: '127.0.0.1', port: 0, station: 'Lokanta' },
        { host: '127.0.0.1', port: 0, station: 'Bar' },
      ],
    });
    await printCheck(d.ports[1], 2);
    const [r] = await d.waitForReceipts(1);
    const lines = (await d.service.getReceipt(r.id)).text!.split('\n');
    const profile = await d.service.getSalesProfile({ station: 'Lokanta' });
    await expect(
      d.service.previewSalesProfile({
        profile,
        teach: { receiptId: r.id, line: 0, role: 'total' },
      }),
    ).rejects.toThrow('was printed at Bar, not Lokanta');
    const rule = lines.findIndex((l) => /^-{10,}$/u.test(l));
    const bar = await d.service.getSalesProfile({ station: 'Bar' });
    const preview = await d.service.previewSalesProfile({
      profile: bar,
      teach: { receiptId: r.id, line: rule, role: 'total' },
    });
    expect(preview.learned).toMatchObject({ problem: expect.stringContaining('no words') });
    expect(preview.profile).toEqual(bar);
  });
});
