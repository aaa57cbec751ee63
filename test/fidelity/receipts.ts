/**
 * The receipts the round-trip tests print through every encoder: one list, written in the
 * restaurant's terms (lines of text in a style, item and price, a logo, a barcode, a QR code, a
 * cut), so each encoder can say it in its own API and the interpreter must give the same back.
 */

export type Align = 'left' | 'center' | 'right';

export interface Style {
  bold?: boolean;
  underline?: boolean;
  invert?: boolean;
  /** Character width and height multipliers. */
  width?: number;
  height?: number;
  fontB?: boolean;
  upsideDown?: boolean;
}

/** 1D symbologies every encoder here names (Epson GS k function B types 65-73). */
export type Symbology =
  'upc-a' | 'upc-e' | 'ean13' | 'ean8' | 'code39' | 'itf' | 'codabar' | 'code93' | 'code128';

/** A 1-bit picture: `dark[y * width + x]`. */
export interface Picture {
  width: number;
  height: number;
  dark: boolean[];
}

export type Item =
  | { kind: 'text'; text: string; style?: Style; align?: Align }
  /** An item line: name at the left, price ending at the right edge. */
  | { kind: 'price'; left: string; right: string; style?: Style }
  | { kind: 'rule' }
  | { kind: 'picture'; picture: Picture }
  /** Printed centred with its human-readable line below; `data` is what a scanner reads. */
  | { kind: 'barcode'; symbology: Symbology; data: string }
  | { kind: 'qr'; data: string }
  | { kind: 'cut' }
  | { kind: 'drawer' };

/** The characters a receipt needs; each station is set up for its country. */
export type Language =
  | 'english'
  | 'german'
  | 'czech'
  | 'greek'
  | 'russian'
  | 'turkish'
  | 'vietnamese'
  | 'japanese'
  | 'chinese'
  | 'taiwanese'
  | 'korean';

export interface Receipt {
  name: string;
  language: Language;
  items: Item[];
}

/** The paper: 80 mm, 48 columns of font A (12 dots), 576 dots. */
export const COLUMNS = 48;

const text = (t: string, style?: Style, align?: Align): Item => ({
  kind: 'text',
  text: t,
  style,
  align,
});
const price = (left: string, right: string, style?: Style): Item => ({
  kind: 'price',
  left,
  right,
  style,
});

/**
 * A picture with a frame, a diagonal and a checkerboard corner, so a shift, a flip, a lost band
 * or a padding byte read as dots all show. Its width is not a multiple of 8 on purpose.
 */
export function logo(width: number, height: number): Picture {
  const dark: boolean[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const frame = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      const diagonal = Math.abs(x - Math.round((y * (width - 1)) / (height - 1))) <= 1;
      const checker = x < width / 3 && y > height / 2 && (x + y) % 2 === 0;
      dark.push(frame || diagonal || checker);
    }
  }
  return { width, height, dark };
}

/** One line in each language's characters, short enough never to wrap. */
const PANGRAMS: Record<Exclude<Language, 'english'>, string[]> = {
  german: ['Grüße aus Köln, Fußgängerübergänge: 12,50 €'],
  czech: ['Příliš žluťoučký kůň úpěl ďábelské ódy', 'Celkem k úhradě: 249,00 Kč'],
  greek: ['Ξεσκεπάζω την ψυχοφθόρα βδελυγμία', 'Σύνολο: 12,50 ευρώ'],
  russian: ['Съешь же ещё этих мягких французских булок', 'Итого: 1 250,00 руб.'],
  turkish: ['Pijamalı hasta yağız şoföre çabucak güvendi', 'Toplam: 125,50 TL, İyi günler'],
  vietnamese: ['Tiếng Việt có dấu: cà phê sữa đá', 'Tổng cộng: 45.000 đồng'],
  japanese: ['ご来店ありがとうございます', '合計　￥１，２００　ﾚｼｰﾄ'],
  chinese: ['欢迎光临，谢谢惠顾', '合计：人民币１２．５０元'],
  taiwanese: ['歡迎光臨，謝謝惠顧', '總計：新臺幣１２０元'],
  korean: ['감사합니다 또 오세요', '합계: 12,000원'],
};

export const RECEIPTS: Receipt[] = [
  {
    name: 'every text style',
    language: 'english',
    items: [
      text('Plain text'),
      text('Bold text', { bold: true }),
      text('Underlined text', { underline: true }),
      text('White on black', { invert: true }),
      text('Double width', { width: 2 }),
      text('Double height', { height: 2 }),
      text('Twice the size', { width: 2, height: 2 }),
      text('Size 3x3', { width: 3, height: 3 }),
      text('Bold and underlined', { bold: true, underline: true }),
      text('Small font B', { fontB: true }),
      text('Upside down', { upsideDown: true }),
      text('Left aligned', undefined, 'left'),
      text('Centred', undefined, 'center'),
      text('Right aligned', undefined, 'right'),
      text('Centred and wide', { width: 2 }, 'center'),
    ],
  },
  {
    name: 'a shop receipt',
    language: 'english',
    items: [
      text('THE CORNER CAFE', { bold: true }, 'center'),
      text('12 High Street, Springfield', undefined, 'center'),
      { kind: 'rule' },
      price('2 x Flat white', '7.00'),
      price('1 x Croissant', '3.20'),
      price('1 x Orange juice', '4.50'),
      { kind: 'rule' },
      price('TOTAL', '14.70', { width: 2, height: 2 }),
      price('Card', '14.70'),
      text('Thank you, see you soon!', undefined, 'center'),
      { kind: 'cut' },
      { kind: 'drawer' },
    ],
  },
  {
    name: 'a logo',
    language: 'english',
    items: [
      text('Before the logo'),
      { kind: 'picture', picture: logo(100, 60) },
      text('After the logo'),
      { kind: 'cut' },
    ],
  },
  {
    name: 'barcodes of every type',
    language: 'english',
    items: [
      { kind: 'barcode', symbology: 'upc-a', data: '036000291452' },
      { kind: 'barcode', symbology: 'upc-e', data: '01234565' },
      { kind: 'barcode', symbology: 'ean13', data: '4006381333931' },
      { kind: 'barcode', symbology: 'ean8', data: '96385074' },
      { kind: 'barcode', symbology: 'code39', data: 'RECEIPT-42' },
      { kind: 'barcode', symbology: 'itf', data: '00012345678905' },
      { kind: 'barcode', symbology: 'codabar', data: 'A40156B' },
      { kind: 'barcode', symbology: 'code93', data: 'TABLE 7' },
      { kind: 'barcode', symbology: 'code128', data: 'Order #1234-ab' },
      { kind: 'barcode', symbology: 'code128', data: '20240518103000' },
      { kind: 'cut' },
    ],
  },
  {
    name: 'a QR code',
    language: 'english',
    items: [
      text('Scan for your e-receipt'),
      { kind: 'qr', data: 'https://example.com/r/2024-0518-0042?total=14.70' },
      text('Thank you'),
      { kind: 'cut' },
    ],
  },
  {
    // "Ďá" in CP852 is D2 A0, which is also valid UTF-8: the line must still read as Czech.
    name: 'an address in Czech',
    language: 'czech',
    items: [text('Ďáblice, Praha 8'), { kind: 'cut' }],
  },
  ...Object.entries(PANGRAMS).map(([language, lines]): Receipt => ({
    name: `a receipt in ${language[0].toUpperCase()}${language.slice(1)}`,
    language: language as Language,
    items: [...lines.map((l) => text(l)), { kind: 'cut' }],
  })),
];
