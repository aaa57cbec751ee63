/**
 * receiptline: receipts written in its markdown, printed with each of its printer command sets.
 * Its `text` command renders the same document as plain text: those are the expected lines
 * (it spaces out double-width characters, which the comparison allows for).
 */
import * as receiptline from 'receiptline';
import type { Dialect } from '../../src/shared';
import { matrixPicture, png } from './pictures';
import type { Item, Language, Style, Symbology } from './receipts';
import { COLUMNS } from './receipts';
import { type Encoder, styleWithin } from './station';

type Encoding = receiptline.Encoding;

const ENCODING: Partial<Record<Language, Encoding>> = {
  english: 'multilingual',
  german: 'multilingual',
  czech: 'multilingual',
  russian: 'multilingual',
  japanese: 'shiftjis',
  chinese: 'gb18030',
  taiwanese: 'big5',
  korean: 'ksc5601',
};

const BARCODE: Record<Symbology, string> = {
  'upc-a': 'upc',
  'upc-e': 'upc',
  ean13: 'ean',
  ean8: 'ean',
  code39: 'code39',
  itf: 'itf',
  codabar: 'codabar',
  code93: 'code93',
  code128: 'code128',
};

const QR_CELL = 4;

/** receiptline's special characters in text, escaped with a backslash. */
const escapeText = (s: string) => s.replace(/[\\|{}\-=~_"`^]/gu, (c) => `\\${c}`);
/** In property values it drops unknown escapes (`\:` reads as nothing), so use `\xnn`. */
const escapeValue = (s: string) =>
  s.replace(/[\\|{};]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** ^ double width, ^^ double height, ^^^ 2x, ^^^^ 3x ... ^^^^^^^ 6x. */
function scale(style: Style): string {
  const w = style.width ?? 1;
  const h = style.height ?? 1;
  if (w === 1 && h === 1) return '';
  if (h === 1) return '^';
  if (w === 1) return '^^';
  return '^'.repeat(w + 1);
}

function markup(text: string, style: Style): string {
  let t = escapeText(text);
  if (style.invert) t = `\`${t}\``;
  if (style.underline) t = `_${t}_`;
  if (style.bold) t = `"${t}"`;
  return scale(style) + t;
}

type Family = 'escpos' | 'impact' | 'star';

/** One receiptline command set as an encoder. */
function receiptlineEncoder(
  command: string,
  family: Family,
  dialect: Dialect,
  name = command,
): Encoder {
  /** Star command sets come in single-byte, Japanese and Chinese/Korean flavours. */
  const commandFor = (language: Language): keyof receiptline.Commands => {
    if (family !== 'star') return command as keyof receiptline.Commands;
    const cjk = language === 'chinese' || language === 'taiwanese' || language === 'korean';
    const flavour = language === 'japanese' ? 'mbcs' : cjk ? 'mbcs2' : 'sbcs';
    return `${command}${flavour}` as keyof receiptline.Commands;
  };
  const style = (s: Style | undefined): Style => {
    // Impact printers print "inverted" text in red, not white on black.
    const kept = styleWithin(s, {
      keys: [
        'bold',
        'underline',
        ...(family === 'impact' ? [] : ['invert' as const]),
        'width',
        'height',
      ],
      maxSize: family === 'impact' ? 2 : 6,
    });
    // Only w x 1, 1 x h and n x n sizes have a mark.
    if ((kept.width ?? 1) > 1 && (kept.height ?? 1) > 1 && kept.width !== kept.height) {
      kept.height = kept.width;
    }
    // impactb prints the whole receipt in font B.
    if (command === 'impactb') kept.fontB = true;
    return kept;
  };
  const line = (item: Item, forText: boolean): string[] => {
    switch (item.kind) {
      case 'text': {
        const t = markup(item.text, style(item.style));
        return [item.align === 'center' ? t : item.align === 'right' ? `${t}|` : `|${t}`];
      }
      case 'price': {
        const s = style(item.style);
        return [`${markup(item.left, s)} | ${markup(item.right, s)}`];
      }
      case 'rule':
        return ['-'];
      case 'picture':
        return forText ? [] : [`{image:${png(item.picture).toString('base64')}}`];
      case 'barcode':
        // The text form has no barcodes: the human-readable line stands in for it.
        return forText
          ? [escapeText(item.data)]
          : [`{code:${escapeValue(item.data)};option:${BARCODE[item.symbology]},hri}`];
      case 'qr':
        return forText ? [] : [`{code:${escapeValue(item.data)};option:qrcode,${QR_CELL},m}`];
      case 'cut':
        return forText ? [] : ['='];
      case 'drawer':
        // receiptline has no drawer markup; its `command` property sends the printer's own.
        if (forText) return [];
        return [family === 'star' ? '{command:\\x07}' : '{command:\\x1bp\\x00\\x19\\xfa}'];
    }
  };
  return {
    name: `receiptline ${name}`,
    dialect,
    style,
    cannot(receipt) {
      if (!ENCODING[receipt.language]) {
        return `receiptline has no encoding for ${receipt.language}`;
      }
      if (
        family === 'impact' &&
        receipt.items.some((i) => i.kind === 'barcode' || i.kind === 'qr')
      ) {
        return 'receiptline prints no barcodes or 2D codes on impact printers';
      }
      return null;
    },
    async encode(receipt) {
      const encoding = ENCODING[receipt.language]!;
      const doc = receipt.items.flatMap((i) => line(i, false)).join('\n');
      const printer = {
        cpl: COLUMNS,
        encoding,
        command: commandFor(receipt.language),
        cutting: false,
        gradient: false,
        spacing: true,
      };
      const bytes = Buffer.from(receiptline.transform(doc, printer), 'binary');
      const textDoc = receipt.items.flatMap((i) => line(i, true)).join('\n');
      const text = receiptline.transform(textDoc, { cpl: COLUMNS, encoding, command: 'text' });
      const qrPictures = receipt.items.flatMap((i) =>
        i.kind === 'qr'
          ? [
              matrixPicture(
                receiptline.qrcode.generate({
                  data: i.data,
                  type: 'qrcode',
                  cell: QR_CELL,
                  level: 'm',
                }),
                QR_CELL,
              ),
            ]
          : [],
      );
      return { bytes, lines: text.split('\n'), qrPictures };
    },
  };
}

export const RECEIPTLINE: Encoder[] = [
  receiptlineEncoder('escpos', 'escpos', 'escpos'),
  receiptlineEncoder('epson', 'escpos', 'escpos'),
  receiptlineEncoder('sii', 'escpos', 'escpos'),
  receiptlineEncoder('citizen', 'escpos', 'escpos'),
  receiptlineEncoder('fit', 'escpos', 'escpos'),
  receiptlineEncoder('generic', 'escpos', 'escpos'),
  receiptlineEncoder('impact', 'impact', 'escpos'),
  receiptlineEncoder('impactb', 'impact', 'escpos'),
  receiptlineEncoder('star', 'star', 'star-prnt', 'star (StarPRNT)'),
  receiptlineEncoder('starline', 'star', 'star-line', 'starline (Star Line)'),
  receiptlineEncoder('emustarline', 'star', 'star-line', 'emustarline (Star Line emulation)'),
];
