/**
 * What a receipt should look like after the round trip, checked the way a person reading it
 * would: the lines say the same thing, the styled words are styled, the logo is the logo, the
 * barcodes and QR codes scan to the same data, the paper was cut and the drawer opened.
 * Every check returns readable differences, so a failing row says what went wrong at once.
 */
import type {
  BarcodeBlock,
  Code2dBlock,
  ImageBlock,
  Interpretation,
  TextBlock,
  TextRun,
} from '../../src/shared';
import { pictureDifferences } from './pictures';
import { COLUMNS, type Item, type Picture, type Receipt, type Style } from './receipts';
import type { Encoded, Encoder } from './station';

/** Box-drawing rules read as the ASCII a text rendering uses for them. */
const ascii = (s: string) => s.replace(/[─━═]/gu, '-').replace(/[│┃║]/gu, '|');

/** Columns a string takes on paper: CJK, kana (full width), Hangul and full-width forms take 2. */
function columns(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    n += wide ? 2 : 1;
  }
  return n;
}

/** The printed lines a receipt should come back as, from its items. */
function linesFromItems(receipt: Receipt, encoder: Encoder): string[] {
  const centre = (t: string, cols: number) => ' '.repeat(Math.floor((COLUMNS - cols) / 2)) + t;
  return receipt.items.flatMap((item): string[] => {
    switch (item.kind) {
      case 'text': {
        const cols = columns(item.text) * (encoder.style(item.style).width ?? 1);
        if (item.align === 'center') return [centre(item.text, cols)];
        if (item.align === 'right') return [' '.repeat(COLUMNS - cols) + item.text];
        return [item.text];
      }
      case 'price': {
        const w = encoder.style(item.style).width ?? 1;
        const pad = COLUMNS / w - item.left.length - item.right.length;
        return [item.left + ' '.repeat(pad) + item.right];
      }
      case 'rule':
        return ['-'.repeat(COLUMNS)];
      case 'barcode':
        return [centre(item.data, item.data.length)];
      default:
        return [];
    }
  });
}

const leading = (s: string) => s.length - s.trimStart().length;

/**
 * True when `actual` is `expected` with some spaces left out: receiptline's text output spaces
 * out double-width characters ("T O T A L") where the document keeps one character each. The
 * indent may differ by one column (a centred line half a column off rounds either way).
 */
function sameButWidthSpaces(expected: string, actual: string): boolean {
  if (Math.abs(leading(expected) - leading(actual)) > 1) return false;
  const e = [...expected.trimStart()];
  const a = [...actual.trimStart()];
  let i = 0;
  for (const ch of e) {
    if (i < a.length && a[i] === ch) i++;
    else if (ch !== ' ') return false;
  }
  return i === a.length;
}

/** A line's words and its indent, however many spaces an encoder puts between the words. */
const collapsed = (s: string) => ' '.repeat(leading(s)) + s.trim().replace(/ +/gu, ' ');

/**
 * Line for line, blank lines aside (encoders feed before cuts and around codes as they like).
 * Against receiptline's own text rendering, double-width spacing is allowed for; against the
 * receipt's items, the words and the indent must match, the spaces between words are counted by
 * the layout check (an encoder may pad a wide line with narrow spaces or wide ones).
 */
function textDifferences(expected: string[], actual: string[], receiptline: boolean): string[] {
  const want = expected.map((l) => ascii(l).trimEnd()).filter((l) => l !== '');
  const got = actual.map((l) => ascii(l).trimEnd()).filter((l) => l !== '');
  const problems: string[] = [];
  for (let k = 0; k < Math.max(want.length, got.length) && problems.length < 5; k++) {
    const w = want[k];
    const g = got[k];
    const same =
      w !== undefined &&
      g !== undefined &&
      (receiptline ? sameButWidthSpaces(w, g) : collapsed(w) === collapsed(g));
    if (!same)
      problems.push(`line ${k + 1}: expected ${JSON.stringify(w)}, got ${JSON.stringify(g)}`);
  }
  return problems;
}

/** The style a reader sees on a run, in the receipt's terms. */
function styleDifferences(run: TextRun, want: Style): string[] {
  const s = run.style;
  const got: Style = {
    bold: !!s.bold,
    underline: (s.underline ?? 0) > 0,
    invert: !!s.inverse,
    width: s.width ?? 1,
    height: s.height ?? 1,
    fontB: s.font === 'B',
    upsideDown: !!s.upsideDown,
  };
  const expected: Style = {
    bold: !!want.bold,
    underline: !!want.underline,
    invert: !!want.invert,
    width: want.width ?? 1,
    height: want.height ?? 1,
    fontB: !!want.fontB,
    upsideDown: !!want.upsideDown,
  };
  return (Object.keys(expected) as (keyof Style)[])
    .filter((k) => got[k] !== expected[k])
    .map((k) => `"${run.text.trim()}" ${k} is ${got[k]}, expected ${expected[k]}`);
}

/** Where a text line ends on paper, in character cells of its first run's font. */
function rightEdge(block: TextBlock): number {
  let dots = block.marginLeft ?? 0;
  let end = 0;
  for (const run of block.runs) {
    if (run.x !== undefined) dots = (block.marginLeft ?? 0) + run.x;
    const cell = (run.style.font === 'B' ? 9 : 12) * (run.style.width ?? 1);
    const text = run.text.trimEnd();
    if (text.length > 0) end = dots + text.length * cell;
    dots += run.text.length * cell;
  }
  return end / (block.runs[0]?.style.font === 'B' ? 9 : 12);
}

/**
 * Each text and price item, found in order among the printed lines: its words carry its style,
 * and a price ends at the right edge of the paper.
 */
function layoutDifferences(receipt: Receipt, encoder: Encoder, out: Interpretation): string[] {
  const lines = out.document.blocks.filter((b): b is TextBlock => b.kind === 'text');
  const problems: string[] = [];
  let next = 0;
  for (const item of receipt.items) {
    if (item.kind !== 'text' && item.kind !== 'price') continue;
    const words = item.kind === 'text' ? [item.text] : [item.left, item.right];
    const at = lines.findIndex(
      (b, k) => k >= next && words.every((w) => b.runs.some((r) => r.text.includes(w))),
    );
    if (at < 0) {
      problems.push(`no line holds ${words.map((w) => `"${w}"`).join(' and ')} in one run each`);
      continue;
    }
    next = at + 1;
    const want = encoder.style(item.style);
    for (const word of words) {
      problems.push(
        ...styleDifferences(
          lines[at].runs.find((r) => r.text.includes(word))!,
          want,
        ),
      );
    }
    if (item.kind === 'price' && rightEdge(lines[at]) !== COLUMNS) {
      problems.push(`"${item.right}" ends at column ${rightEdge(lines[at])}, not at the edge`);
    }
  }
  return problems;
}

/** The pictures the paper should show, in order (QR codes too, where the encoder drew them). */
function expectedPictures(items: Item[], encoded: Encoded): Picture[] {
  const qr = [...(encoded.qrPictures ?? [])];
  return items.flatMap((i) =>
    i.kind === 'picture' ? [i.picture] : i.kind === 'qr' && encoded.qrPictures ? [qr.shift()!] : [],
  );
}

/** Star Line mode and StarPRNT share most commands: bytes may not say which one they are. */
const family = (dialect: string) => (dialect === 'escpos' ? 'ESC/POS' : 'Star');

/**
 * What differs between the receipt and its interpretation. `detected`: the station left the
 * dialect to the bytes, which must then tell ESC/POS from Star (not always Star Line mode from
 * StarPRNT, which read the same where they share commands).
 */
export function roundTripDifferences(
  receipt: Receipt,
  encoder: Encoder,
  encoded: Encoded,
  out: Interpretation,
  detected = false,
): string[] {
  const problems: string[] = [];
  const blocks = out.document.blocks;
  const read = out.document.dialect;
  if (detected ? family(read) !== family(encoder.dialect) : read !== encoder.dialect) {
    problems.push(`read as ${read}, expected ${encoder.dialect}`);
  }
  const warnings = out.document.warnings.filter((w) => w.code !== 'limit');
  for (const w of warnings.slice(0, 3)) problems.push(`warning at byte ${w.offset}: ${w.message}`);
  if (warnings.length > 3) problems.push(`and ${warnings.length - 3} more warnings`);

  const expected = encoded.lines ?? linesFromItems(receipt, encoder);
  problems.push(...textDifferences(expected, out.text.split('\n'), !!encoded.lines));
  problems.push(...layoutDifferences(receipt, encoder, out));

  const pictures = expectedPictures(receipt.items, encoded);
  const images = blocks.filter((b): b is ImageBlock => b.kind === 'image');
  if (images.length !== pictures.length) {
    problems.push(`${images.length} images, expected ${pictures.length}`);
  } else {
    images.forEach((image, k) =>
      problems.push(...pictureDifferences(image, pictures[k]).map((p) => `image ${k + 1}: ${p}`)),
    );
  }

  const barcodes = blocks
    .filter((b): b is BarcodeBlock => b.kind === 'barcode')
    .map((b) => `${b.symbology} ${JSON.stringify(b.data)}`);
  const wantBarcodes = receipt.items.flatMap((i) =>
    i.kind === 'barcode' ? [`${i.symbology} ${JSON.stringify(i.data)}`] : [],
  );
  if (barcodes.join('\n') !== wantBarcodes.join('\n')) {
    problems.push(`barcodes [${barcodes.join(', ')}], expected [${wantBarcodes.join(', ')}]`);
  }

  const codes = blocks
    .filter((b): b is Code2dBlock => b.kind === 'code2d')
    .map((b) => `${b.symbology} ${JSON.stringify(b.data)}`);
  const wantCodes = encoded.qrPictures
    ? []
    : receipt.items.flatMap((i) => (i.kind === 'qr' ? [`qr ${JSON.stringify(i.data)}`] : []));
  if (codes.join('\n') !== wantCodes.join('\n')) {
    problems.push(`2D codes [${codes.join(', ')}], expected [${wantCodes.join(', ')}]`);
  }

  const cuts = out.events.cut + out.events['partial-cut'];
  const wantCuts = receipt.items.filter((i) => i.kind === 'cut').length;
  if (cuts !== wantCuts) problems.push(`${cuts} cuts, expected ${wantCuts}`);
  const kicks = out.events['drawer-kick'];
  const wantKicks = receipt.items.filter((i) => i.kind === 'drawer').length;
  if (kicks !== wantKicks) problems.push(`${kicks} drawer kicks, expected ${wantKicks}`);
  return problems;
}
