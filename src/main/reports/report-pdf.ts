/**
 * The daily report as a page to print and file (A4): the restaurant and the business day, the
 * key figures, the payment mix, sales per hour as a vector bar chart, the top items, the tills'
 * Z reports against the receipts, and every receipt whose total could not be read. Text is set
 * in a Unicode font of the PC (accents, ł, €): Arial on Windows and macOS, DejaVu Sans or
 * Liberation Sans on Linux.
 */
import type { DailyReport } from '../../shared';
import {
  BAR,
  keyFigures,
  MUTED,
  note,
  openPdf,
  wideFontsNote,
  paymentMix,
  pageFooter,
  pdfMoney,
  row,
  RULE,
  section,
  titleBlock,
  topItems,
  unparsedList,
} from './pdf-parts';

export async function reportPdf(r: DailyReport): Promise<Buffer> {
  const { doc, done } = await openPdf(`Daily report ${r.businessDay}`);
  const money = pdfMoney(r.currency);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  titleBlock(
    doc,
    r.restaurantName,
    'Daily report',
    `Business day ${r.businessDay} (from ${r.dayStart}, ${r.timezone})`,
    r,
  );

  // Key figures, in two columns of label and amount.
  section(doc, 'Key figures');
  const key: [string, string][] = [
    ['Total collected', money(r.total)],
    ['Net sales', money(r.netSales)],
    ['Tax', money(r.tax)],
    ['Tips', money(r.tips)],
    ['Gross sales', money(r.grossSales)],
    ['Discounts', money(r.discounts)],
    ['Refunds', money(r.refunds)],
    ['Service charges', money(r.serviceCharges)],
    ['Sales', String(r.saleCount)],
    ['Average sale (net)', money(r.averageSale)],
    ['Covers', String(r.covers)],
    ['Receipts', String(r.receiptCount)],
  ];
  keyFigures(doc, key);

  section(doc, 'Payments');
  paymentMix(doc, r.payments, r.total, money);

  // Sales per hour: bars in the day's own hours (23 to 25 of them).
  section(doc, 'Sales per hour (net)');
  const chartTop = doc.y + 4;
  const chartHeight = 70;
  const peak = Math.max(1, ...r.hourly.map((h) => h.sales));
  const slot = width / Math.max(1, r.hourly.length);
  doc.lineWidth(0.5).strokeColor(RULE);
  doc
    .moveTo(left, chartTop + chartHeight)
    .lineTo(left + width, chartTop + chartHeight)
    .stroke();
  r.hourly.forEach((h, k) => {
    const height = Math.max(0, (h.sales / peak) * chartHeight);
    const x = left + k * slot + slot * 0.15;
    if (height > 0) doc.rect(x, chartTop + chartHeight - height, slot * 0.7, height).fill(BAR);
    if (k % 2 === 0) {
      doc
        .font('body')
        .fontSize(7)
        .fillColor(MUTED)
        .text(String(h.hour).padStart(2, '0'), left + k * slot, chartTop + chartHeight + 3, {
          width: slot,
          align: 'center',
        });
    }
  });
  doc
    .font('body')
    .fontSize(7)
    .fillColor(MUTED)
    .text(`highest: ${money(peak)}`, left, chartTop - 2, { width, align: 'right' });
  doc.y = chartTop + chartHeight + 18;

  topItems(doc, r.items, money);

  // The POS's own Z reports against the receipts.
  section(doc, 'Z report against the receipts');
  if (!r.zReport) {
    note(doc, 'No Z report was printed for this day.');
  } else {
    for (const l of r.zReport.lines) {
      const isCount = l.figure === 'Receipts';
      const fmt = (v: number) => (isCount ? String(v) : money(v));
      const diff = l.difference === 0 ? 'agrees' : `differs by ${fmt(l.difference)}`;
      row(
        doc,
        left,
        width,
        l.figure,
        `POS ${fmt(l.pos)} · receipts ${fmt(l.computed)} · ${diff}`,
        l.difference !== 0,
      );
    }
  }
  doc.moveDown(0.4);

  // What could not be read: never left out silently.
  unparsedList(doc, r, 30);
  if (r.reprints > 0) note(doc, `${r.reprints} receipt(s) printed again were counted once.`);
  wideFontsNote(doc);

  pageFooter(doc, `Receipt Desk · ${r.receiptCount} receipts`);
  doc.end();
  return done;
}
