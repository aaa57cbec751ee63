/**
 * The daily report as a page to print and file (A4): the restaurant and the business day, the
 * key figures, the payment mix, sales per hour as a vector bar chart, the top items, the tills'
 * Z reports against the receipts, and every receipt whose total could not be read. Text is set
 * in a Unicode font of the PC (accents, ł, €): Arial on Windows and macOS, DejaVu Sans or
 * Liberation Sans on Linux.
 */
import type { DailyReport } from '../../shared';
import {
  barChart,
  keyFigures,
  MUTED,
  note,
  openPdf,
  wideFontsNote,
  paymentMix,
  pageFooter,
  pdfMoney,
  row,
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
  barChart(
    doc,
    r.hourly.map((h) => h.sales),
    {
      top: doc.y + 4,
      height: 70,
      peakAbove: 2,
      money,
      label: (k, slotLeft, slot, y) => {
        if (k % 2 !== 0) return;
        doc
          .font('body')
          .fontSize(7)
          .fillColor(MUTED)
          .text(String(r.hourly[k].hour).padStart(2, '0'), slotLeft, y, {
            width: slot,
            align: 'center',
          });
      },
    },
  );

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
