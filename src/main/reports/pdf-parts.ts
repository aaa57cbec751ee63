/**
 * What the report PDFs share: the document set in a Unicode font of the PC (accents, ł, €):
 * Arial on Windows and macOS, DejaVu Sans or Liberation Sans on Linux, with a font of the PC for
 * Japanese, Chinese and Korean names (wide-script-fonts.ts), its colours, amounts as
 * the currency writes them, and the section, row and note that make up a page.
 */
import fs from 'node:fs';
import type PDFDocumentType from 'pdfkit';
import { currencyDigits, type DailyReport, DeskFailure, PAYMENT_METHOD_NAMES } from '../../shared';
import { wallDateTime } from '../days';
import { useWideScriptFonts, type WideScript } from './wide-script-fonts';

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

export const INK = '#1f2328';
export const MUTED = '#57606a';
export const RULE = '#d0d7de';
export const BAR = '#2f6f5e';

/** An A4 document being written, and its bytes once ended. */
export async function openPdf(
  title: string,
  /** Keep the pages until the end, to write on each again (page numbers). */
  bufferPages = false,
): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
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
    info: { Title: title },
    bufferPages,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  doc.registerFont('body', font[0]);
  doc.registerFont('bold', font[1]);
  missingWide.set(doc, useWideScriptFonts(doc).missing);
  return { doc, done };
}

/** Per document, the wide scripts met that this PC has no font for. */
const missingWide = new WeakMap<PDFKit.PDFDocument, Set<WideScript>>();
const SCRIPT_NAMES: Record<WideScript, string> = {
  cjk: 'Japanese or Chinese',
  hangul: 'Korean',
};

/** Says so when names in a script were left blank for want of a font (never silently). */
export function wideFontsNote(doc: PDFKit.PDFDocument): void {
  const missing = [...(missingWide.get(doc) ?? [])];
  if (missing.length === 0) return;
  note(
    doc,
    `Names in ${missing.map((m) => SCRIPT_NAMES[m]).join(' and ')} are blank here: this PC has no font for them (Windows and macOS have one; on Linux install Noto Sans CJK). The CSV and XLSX reports have them.`,
  );
}

/** Minor units as the currency writes them: 1234.5 -> "1,234.50"; null -> "–". */
export function pdfMoney(currency: string | null): (v: number | null) => string {
  const places = currencyDigits(currency);
  return (v) =>
    v === null
      ? '–'
      : (v / 10 ** places).toLocaleString('en-US', {
          minimumFractionDigits: places,
          maximumFractionDigits: places,
        });
}

export function section(doc: PDFKit.PDFDocument, title: string): void {
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

export function row(
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

export function note(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('body').fontSize(9).fillColor(MUTED).text(text, doc.page.margins.left);
}

/** A new page when less than `points` are left above the bottom margin. */
export function ensureRoom(doc: PDFKit.PDFDocument, points: number): void {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** Label and value pairs in two columns; the first two (the headline figures) in bold. */
export function keyFigures(doc: PDFKit.PDFDocument, key: [string, string][]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
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
}

/** Each payment method with its amount and share of the total, then the total. */
export function paymentMix(
  doc: PDFKit.PDFDocument,
  payments: DailyReport['payments'],
  total: number,
  money: (v: number | null) => string,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const [m, v] of Object.entries(payments).filter(([, v]) => v)) {
    const share = total ? Math.round(((v ?? 0) * 100) / total) : 0;
    row(
      doc,
      left,
      width,
      PAYMENT_METHOD_NAMES[m as keyof typeof PAYMENT_METHOD_NAMES] ?? m,
      `${money(v ?? 0)}   ${share}%`,
    );
  }
  row(doc, left, width, 'Total', money(total), true);
  doc.moveDown(0.4);
}

/** Every sale or refund whose total could not be read, never left out silently: the first `max`. */
export function unparsedList(
  doc: PDFKit.PDFDocument,
  r: Pick<DailyReport, 'unparsed' | 'unparsedCount' | 'timezone'>,
  max: number,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  section(doc, `Receipts whose total could not be read (${r.unparsedCount})`);
  if (r.unparsed.length === 0) note(doc, 'None: every sale and refund was read.');
  for (const u of r.unparsed.slice(0, max)) {
    row(
      doc,
      left,
      width,
      `#${u.id} · ${wallDateTime(u.receivedAt, r.timezone)} · ${u.station}`,
      u.reason,
    );
  }
  if (r.unparsed.length > max) {
    note(doc, `… and ${r.unparsed.length - max} more (see the CSV).`);
  }
}

/** The report's title block: the restaurant (or `fallback`) in large type, then what it covers. */
export function titleBlock(
  doc: PDFKit.PDFDocument,
  restaurantName: string,
  fallback: string,
  covers: string,
  r: { station: string | null; currency: string | null },
): void {
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(INK)
    .text(restaurantName || fallback, doc.page.margins.left, 48);
  doc
    .font('body')
    .fontSize(10)
    .fillColor(MUTED)
    .text(
      covers +
        `${r.station ? ` · station ${r.station}` : ' · all stations'}` +
        `${r.currency ? ` · amounts in ${r.currency}` : ''}`,
    );
  doc.moveDown(0.8);
}

/** The ten best-selling items, or a note that none were read. */
export function topItems(
  doc: PDFKit.PDFDocument,
  items: { name: string; quantity: number; sales: number }[],
  money: (v: number | null) => string,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  section(doc, 'Top items');
  for (const item of items.slice(0, 10)) {
    row(doc, left, width, `${item.name}  ×${item.quantity}`, money(item.sales));
  }
  if (items.length === 0) note(doc, 'No items were read.');
  doc.moveDown(0.4);
}

/**
 * The current page's footer line. It sits in the bottom margin: without setting that margin to
 * nothing first, writing there would start a page.
 */
export function pageFooter(doc: PDFKit.PDFDocument, text: string): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.page.margins.bottom = 0;
  doc
    .font('body')
    .fontSize(7)
    .fillColor(MUTED)
    .text(text, left, doc.page.height - 32, {
      width,
      align: 'center',
      lineBreak: false,
    });
}

/**
 * A vector bar chart across the text width: a base line, a bar per value scaled to the highest,
 * `label` drawn under each bar (given the bar's slot and the labels' y), and the highest value
 * in money at the top right, `peakAbove` points over the chart. Leaves doc.y under the labels.
 */
export function barChart(
  doc: PDFKit.PDFDocument,
  values: number[],
  o: {
    top: number;
    height: number;
    peakAbove: number;
    money: (v: number | null) => string;
    label: (k: number, slotLeft: number, slot: number, y: number) => void;
  },
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const base = o.top + o.height;
  const peak = Math.max(1, ...values);
  const slot = width / Math.max(1, values.length);
  doc.lineWidth(0.5).strokeColor(RULE);
  doc
    .moveTo(left, base)
    .lineTo(left + width, base)
    .stroke();
  values.forEach((v, k) => {
    const height = Math.max(0, (v / peak) * o.height);
    const x = left + k * slot + slot * 0.15;
    if (height > 0) doc.rect(x, base - height, slot * 0.7, height).fill(BAR);
    o.label(k, left + k * slot, slot, base + 3);
  });
  doc
    .font('body')
    .fontSize(7)
    .fillColor(MUTED)
    .text(`highest: ${o.money(peak)}`, left, o.top - o.peakAbove, { width, align: 'right' });
  doc.y = base + 18;
}
