/**
 * The daily report as a page to print and file (A4): the restaurant and the business day, the
 * key figures, the payment mix, sales per hour as a vector bar chart, the top items, the tills'
 * Z reports against the receipts, and every receipt whose total could not be read. Text is set
 * in a Unicode font of the PC (accents, ł, €): Arial on Windows and macOS, DejaVu Sans or
 * Liberation Sans on Linux.
 */
import fs from 'node:fs';
import type PDFDocumentType from 'pdfkit';
import { currencyDigits, type DailyReport, DeskFailure, PAYMENT_METHOD_NAMES } from '../../shared';
import { wallDateTime } from '../days';

/** Fonts that cover Latin, Greek and Cyrillic, where Windows, macOS and Linux keep them. */
const FONTS = [
  ['C:\\Windows\\Fonts\\arial.ttf', 'C:\\Windows\\Fonts\\arialbd.ttf'],
  [
    '/System/Library/Fonts/Supplemental/Arial.ttf',
    '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
  ],
  [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  ],
  [
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  ],
];

const INK = '#1f2328';
const MUTED = '#57606a';
const RULE = '#d0d7de';
const BAR = '#2f6f5e';

export async function reportPdf(r: DailyReport): Promise<Buffer> {
  // Loaded when a PDF is asked for, not with every pool thread.
  const PDFDocument = ((await import('pdfkit')) as unknown as { default: typeof PDFDocumentType })
    .default;
  const font = FONTS.find(([regular, bold]) => fs.existsSync(regular) && fs.existsSync(bold));
  if (!font) {
    throw new DeskFailure(
      'NOT_AVAILABLE',
      'No font to set the PDF in was found on this PC (Arial, DejaVu Sans or Liberation Sans). The CSV and XLSX reports still work.',
    );
  }
  // The first font given here, not pdfkit's built-in Helvetica: those fonts are read from
  // pdfkit's own files, which the desktop app does not carry (pdfkit is bundled into it).
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    font: font[0],
    info: { Title: `Daily report ${r.businessDay}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  doc.registerFont('body', font[0]);
  doc.registerFont('bold', font[1]);
  const places = currencyDigits(r.currency);
  const money = (v: number | null) =>
    v === null
      ? '–'
      : `${(v / 10 ** places).toLocaleString('en-US', {
          minimumFractionDigits: places,
          maximumFractionDigits: places,
        })}`;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // Title.
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(INK)
    .text(r.restaurantName || 'Daily report', left, 48);
  doc
    .font('body')
    .fontSize(10)
    .fillColor(MUTED)
    .text(
      `Business day ${r.businessDay} (from ${r.dayStart}, ${r.timezone})` +
        `${r.station ? ` · station ${r.station}` : ' · all stations'}` +
        `${r.currency ? ` · amounts in ${r.currency}` : ''}`,
    );
  doc.moveDown(0.8);

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
  const half = width / 2 - 12;
  const top = doc.y;
  key.forEach(([label, value], k) => {
    const x = left + (k % 2) * (half + 24);
    const y = top + Math.floor(k / 2) * 14;
    doc
      .font(k < 2 ? 'bold' : 'body')
      .fontSize(10)
      .fillColor(INK);
    doc.text(label, x, y, { width: half - 90 });
    doc.text(value, x + half - 90, y, { width: 90, align: 'right' });
  });
  doc.y = top + Math.ceil(key.length / 2) * 14 + 8;

  // Payments: each method with its share of the total.
  section(doc, 'Payments');
  const methods = Object.entries(r.payments).filter(([, v]) => v);
  for (const [m, v] of methods) {
    const share = r.total ? Math.round(((v ?? 0) * 100) / r.total) : 0;
    row(
      doc,
      left,
      width,
      PAYMENT_METHOD_NAMES[m as keyof typeof PAYMENT_METHOD_NAMES] ?? m,
      `${money(v ?? 0)}   ${share}%`,
    );
  }
  row(doc, left, width, 'Total', money(r.total), true);
  doc.moveDown(0.4);

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

  // Top items.
  section(doc, 'Top items');
  for (const item of r.items.slice(0, 10)) {
    row(doc, left, width, `${item.name}  ×${item.quantity}`, money(item.sales));
  }
  if (r.items.length === 0) note(doc, 'No items were read.');
  doc.moveDown(0.4);

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
  section(doc, `Receipts whose total could not be read (${r.unparsedCount})`);
  if (r.unparsed.length === 0) note(doc, 'None: every sale and refund was read.');
  for (const u of r.unparsed.slice(0, 30)) {
    row(
      doc,
      left,
      width,
      `#${u.id} · ${wallDateTime(u.receivedAt, r.timezone)} · ${u.station}`,
      u.reason,
    );
  }
  if (r.unparsed.length > 30) note(doc, `… and ${r.unparsed.length - 30} more (see the CSV).`);
  if (r.reprints > 0) note(doc, `${r.reprints} receipt(s) printed again were counted once.`);

  // The footer sits in the bottom margin: without this, writing there would start a page.
  doc.page.margins.bottom = 0;
  doc
    .font('body')
    .fontSize(7)
    .fillColor(MUTED)
    .text(`Receipt Desk · ${r.receiptCount} receipts`, left, doc.page.height - 32, {
      width,
      align: 'center',
      lineBreak: false,
    });
  doc.end();
  return done;
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  ensureRoom(doc, 60);
  const left = doc.page.margins.left;
  doc.font('bold').fontSize(12).fillColor(INK).text(title, left);
  const y = doc.y + 2;
  doc.lineWidth(0.5).strokeColor(RULE);
  doc
    .moveTo(left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .stroke();
  doc.y = y + 4;
}

function row(
  doc: PDFKit.PDFDocument,
  left: number,
  width: number,
  label: string,
  value: string,
  strong = false,
): void {
  ensureRoom(doc, 16);
  const y = doc.y;
  doc
    .font(strong ? 'bold' : 'body')
    .fontSize(9.5)
    .fillColor(INK);
  doc.text(label, left, y, { width: width * 0.55, lineBreak: false, ellipsis: true });
  doc.text(value, left + width * 0.55, y, {
    width: width * 0.45,
    align: 'right',
    lineBreak: false,
  });
  doc.y = y + 12.5;
}

function note(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('body').fontSize(9).fillColor(MUTED).text(text, doc.page.margins.left);
}

/** A new page when less than `points` are left above the bottom margin. */
function ensureRoom(doc: PDFKit.PDFDocument, points: number): void {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
}
