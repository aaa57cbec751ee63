/**
 * A range report as pages to print and file (A4, one for a week, two for a month): the
 * restaurant and the range, the key figures, net sales per day as a vector bar chart, the table
 * of days (receipts, sales, net sales, tax, tips, total), the payment mix and the top items.
 */
import type { RangeDay, RangeReport } from '../../shared';
import {
  barChart,
  ensureRoom,
  INK,
  keyFigures,
  MUTED,
  note,
  openPdf,
  wideFontsNote,
  paymentMix,
  pageFooter,
  pdfMoney,
  RULE,
  section,
  titleBlock,
  topItems,
  unparsedList,
} from './pdf-parts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Mon 16" for 2026-11-16. */
function dayLabel(day: string): string {
  return `${WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()]} ${Number(day.slice(8))}`;
}

export async function rangePdf(r: RangeReport): Promise<Buffer> {
  const { doc, done } = await openPdf(`Report ${r.firstDay} to ${r.lastDay}`, true);
  const money = pdfMoney(r.currency);

  titleBlock(
    doc,
    r.restaurantName,
    'Sales report',
    `${r.firstDay} to ${r.lastDay}: ${r.days.length} business days (each from ${r.dayStart}, ${r.timezone})`,
    r,
  );

  section(doc, 'Key figures');
  keyFigures(doc, [
    ['Total collected', money(r.total)],
    ['Net sales', money(r.netSales)],
    ['Tax', money(r.tax)],
    ['Tips', money(r.tips)],
    ['Gross sales', money(r.grossSales)],
    ['Discounts', money(r.discounts)],
    ['Refunds', money(r.refunds)],
    ['Service charges', money(r.serviceCharges)],
    ['Sales', r.saleCount.toLocaleString('en-US')],
    ['Average sale (net)', money(r.averageSale)],
    ['Covers', r.covers.toLocaleString('en-US')],
    ['Receipts', r.receiptCount.toLocaleString('en-US')],
  ]);

  // Net sales per day: one bar each, labelled under it (every other one past two weeks).
  section(doc, 'Net sales per day');
  const every = r.days.length > 16 ? 2 : 1;
  barChart(
    doc,
    r.days.map((d) => d.netSales),
    {
      top: doc.y + 12,
      height: 80,
      peakAbove: 10,
      money,
      label: (k, slotLeft, slot, y) => {
        if (k % every !== 0) return;
        doc
          .font('body')
          .fontSize(7)
          .fillColor(MUTED)
          .text(dayLabel(r.days[k].businessDay), slotLeft - slot / 2, y, {
            width: slot * 2,
            align: 'center',
            lineBreak: false,
          });
      },
    },
  );

  section(doc, 'Payments');
  paymentMix(doc, r.payments, r.total, money);

  topItems(doc, r.items, money);

  dayTable(doc, r, money);

  unparsedList(doc, r, 20);
  if (r.reprints > 0) note(doc, `${r.reprints} receipt(s) printed again were counted once.`);
  wideFontsNote(doc);

  // Each page's footer, written once every page is laid out.
  const pages = doc.bufferedPageRange();
  for (let p = pages.start; p < pages.start + pages.count; p++) {
    doc.switchToPage(p);
    pageFooter(
      doc,
      `Receipt Desk · ${r.firstDay} to ${r.lastDay} · ${r.receiptCount.toLocaleString('en-US')} receipts · page ${p + 1} of ${pages.count}`,
    );
  }
  doc.end();
  return done;
}

/** The days as a table: day, receipts, sales, net sales, tax, tips, total; then the sums. */
function dayTable(
  doc: PDFKit.PDFDocument,
  r: RangeReport,
  money: (v: number | null) => string,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const columns = ['Business day', 'Receipts', 'Sales', 'Net sales', 'Tax', 'Tips', 'Total'];
  const first = 110;
  const rest = (width - first) / (columns.length - 1);
  // A day's row and the range's sum row show the same figures.
  const cells = (
    label: string,
    f: Pick<RangeDay, 'receiptCount' | 'saleCount' | 'netSales' | 'tax' | 'tips' | 'total'>,
  ): string[] => [
    label,
    f.receiptCount.toLocaleString('en-US'),
    f.saleCount.toLocaleString('en-US'),
    money(f.netSales),
    money(f.tax),
    money(f.tips),
    money(f.total),
  ];
  const line = (texts: string[], bold: boolean) => {
    ensureRoom(doc, 14);
    const y = doc.y;
    doc
      .font(bold ? 'bold' : 'body')
      .fontSize(9)
      .fillColor(INK);
    texts.forEach((c, k) => {
      const x = k === 0 ? left : left + first + (k - 1) * rest;
      doc.text(c, x, y, {
        width: k === 0 ? first : rest,
        align: k === 0 ? 'left' : 'right',
        lineBreak: false,
      });
    });
    doc.y = y + 12;
  };
  // The table starts on a page with room for its header and a few days.
  ensureRoom(doc, 100);
  section(doc, 'Days');
  line(columns, true);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  for (const d of r.days) {
    // A table that runs onto the next page says again what its columns are.
    if (doc.y + 14 > bottom()) {
      doc.addPage();
      line(columns, true);
    }
    line(cells(`${dayLabel(d.businessDay)} · ${d.businessDay}`, d), false);
  }
  const y = doc.y + 1;
  doc.lineWidth(0.5).strokeColor(RULE);
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  doc.y = y + 3;
  line(cells('Range', r), true);
  doc.moveDown(0.6);
}
