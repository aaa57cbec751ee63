/**
 * Receipts printed by real third-party encoders, for the Star grammar and dialect tests: one list
 * of receipt cases, each told to every encoder in every language it speaks (Star Line mode,
 * StarPRNT, Star graphic and dot-impact modes, and ESC/POS as the control). Each sample also says
 * where the encoder put its cut: the first byte where the same receipt without a cut differs.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { PNG } from 'pngjs';
import receiptline from 'receiptline';

export type Family = 'star' | 'escpos';

export interface Sample {
  /** "encoder/language: case". */
  name: string;
  family: Family;
  /** What the encoder is documented to speak, when it says. */
  variant?: 'star-line' | 'star-prnt';
  bytes: Uint8Array;
  /** Byte offset of the encoder's cut command; null when the sample has none. */
  cutAt: number | null;
  partial: boolean;
}

interface Case {
  name: string;
  partial: boolean;
  /** receiptline markdown. */
  receiptline: string;
  /** receipt-printer-encoder calls. */
  rpe: (e: ReceiptPrinterEncoder) => void;
  /** node-thermal-printer calls. */
  ntp: (p: ThermalPrinter) => Promise<void> | void;
}

/** A 40 x 30 test picture: a frame and a diagonal, as PNG bytes. */
function picture(): { png: Buffer; rgba: Uint8ClampedArray; width: number; height: number } {
  const width = 40;
  const height = 30;
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ink = x === 0 || y === 0 || x === width - 1 || y === height - 1 || x === y;
      const i = (y * width + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = ink ? 0 : 255;
      png.data[i + 3] = 255;
    }
  }
  return { png: PNG.sync.write(png), rgba: new Uint8ClampedArray(png.data), width, height };
}

const PICTURE = picture();

export const CASES: Case[] = [
  {
    name: 'styled text',
    partial: false,
    receiptline: '^^^The Corner Bistro\n"Table 12" _Server: Ana_\n`VOID`\n|2 Coffee| 5.00|\n-\n',
    rpe: (e) =>
      e
        .align('center')
        .size(2, 2)
        .line('The Corner Bistro')
        .size(1, 1)
        .align('left')
        .bold(true)
        .text('Table 12 ')
        .bold(false)
        .underline(true)
        .line('Server: Ana')
        .underline(false)
        .invert(true)
        .line('VOID')
        .invert(false)
        .line('2 Coffee                   5.00'),
    ntp: (p) => {
      p.alignCenter();
      p.setTextQuadArea();
      p.println('The Corner Bistro');
      p.setTextNormal();
      p.alignLeft();
      p.bold(true);
      p.print('Table 12 ');
      p.bold(false);
      p.underline(true);
      p.println('Server: Ana');
      p.underline(false);
      p.invert(true);
      p.println('VOID');
      p.invert(false);
      p.leftRight('2 Coffee', '5.00');
    },
  },
  {
    name: 'accents and euro',
    partial: true,
    receiptline: 'Crème brûlée 6,50\nTotal 6,50\n',
    rpe: (e) => e.line('Crème brûlée 6,50 €').line('Total 6,50 €'),
    ntp: (p) => {
      p.setCharacterSet('PC858_EURO');
      p.println('Crème brûlée 6,50 €');
    },
  },
  {
    name: 'barcodes',
    partial: false,
    receiptline: '{code:1234567890128; option:ean,hri}\n{code:ORDER-42; option:code128,2,72,hri}\n',
    rpe: (e) => e.barcode('3130630574613', 'ean13', 60).barcode('ORDER-42', 'code128', 60),
    ntp: (p) => {
      p.printBarcode('313063057461', 3);
      p.code128('ORDER-42');
    },
  },
  {
    name: 'qr code',
    partial: true,
    receiptline: '{code:https://example.com/r/42; option:qrcode,4,m}\n',
    rpe: (e) => e.qrcode('https://example.com/r/42', 2, 4, 'm'),
    // node-thermal-printer's Star QR leaves out ESC GS y D 1 0 before the data (a bug of its own):
    // the length and data go out as plain bytes. 23 data bytes keep that length a harmless byte.
    ntp: (p) => p.printQR('https://example.com/r/42'),
  },
  {
    name: 'image',
    partial: false,
    receiptline: `{image:${PICTURE.png.toString('base64')}}\n`,
    rpe: (e) =>
      e.image({ data: PICTURE.rgba, width: PICTURE.width, height: PICTURE.height }, 40, 48),
    ntp: async (p) => {
      await p.printImageBuffer(PICTURE.png);
    },
  },
  {
    name: 'pdf417 and drawer',
    partial: true,
    receiptline: 'Drawer\n',
    rpe: (e) => e.line('Drawer').pulse(),
    ntp: (p) => {
      p.pdf417('TICKET-42');
      p.openCashDrawer();
    },
  },
];

/**
 * Where the cut command starts in `cut`, given the same receipt printed without it: the first
 * offset where they differ, backed up over an ESC both have there (the cut is ESC d n, and what
 * follows it in the uncut receipt may start with ESC too), past the line end some encoders add.
 */
export function divergence(uncut: Uint8Array, cut: Uint8Array): number {
  const n = Math.min(uncut.length, cut.length);
  let i = 0;
  while (i < n && uncut[i] === cut[i]) i++;
  if (i > 0 && cut[i - 1] === 0x1b) return i - 1;
  while (cut[i] === 0x0a || cut[i] === 0x0d) i++; // the encoder ends the open line first
  return i;
}

const bytesOf = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'binary'));

/** receiptline's command set names. */
type Command = Extract<NonNullable<Parameters<typeof receiptline.transform>[1]>['command'], string>;

const RECEIPTLINE: { command: Command; family: Family; variant?: 'star-line' | 'star-prnt' }[] = [
  { command: 'starsbcs', family: 'star', variant: 'star-prnt' },
  { command: 'starmbcs', family: 'star', variant: 'star-prnt' },
  { command: 'starmbcs2', family: 'star', variant: 'star-prnt' },
  { command: 'starlinesbcs', family: 'star', variant: 'star-line' },
  { command: 'starlinembcs', family: 'star', variant: 'star-line' },
  { command: 'starlinembcs2', family: 'star', variant: 'star-line' },
  { command: 'emustarlinesbcs', family: 'star', variant: 'star-line' },
  { command: 'emustarlinembcs', family: 'star', variant: 'star-line' },
  { command: 'emustarlinembcs2', family: 'star', variant: 'star-line' },
  { command: 'stargraphic', family: 'star', variant: 'star-line' },
  { command: 'starimpact', family: 'star', variant: 'star-line' },
  { command: 'starimpact2', family: 'star', variant: 'star-line' },
  { command: 'starimpact3', family: 'star', variant: 'star-line' },
  { command: 'escpos', family: 'escpos' },
  { command: 'epson', family: 'escpos' },
  { command: 'sii', family: 'escpos' },
  { command: 'citizen', family: 'escpos' },
  { command: 'fit', family: 'escpos' },
  { command: 'impact', family: 'escpos' },
  { command: 'impactb', family: 'escpos' },
  { command: 'generic', family: 'escpos' },
];

function receiptlineSamples(c: Case): Sample[] {
  return RECEIPTLINE.map(({ command, family, variant }) => {
    const print = (cutting: boolean): Uint8Array =>
      bytesOf(
        receiptline.transform(c.receiptline, { command, cpl: 48, cutting, encoding: 'cp858' }),
      );
    const bytes = print(true);
    // Star graphic mode has no cut command: quitting raster mode (ESC * r B, just before the
    // closing ESC ACK SOH) ends the page and cuts it, unless ESC * r E 1 NUL said not to.
    const cutAt = command === 'stargraphic' ? bytes.length - 7 : divergence(print(false), bytes);
    return {
      name: `receiptline/${command}: ${c.name}`,
      family,
      variant,
      bytes,
      cutAt,
      partial: true,
    };
  });
}

const RPE = [
  { language: 'star-line', family: 'star', variant: 'star-line' },
  { language: 'star-prnt', family: 'star', variant: 'star-prnt' },
  { language: 'esc-pos', family: 'escpos' },
] as const;

function rpeSamples(c: Case): Sample[] {
  return RPE.map(({ language, family }) => {
    const print = (cut: boolean): Uint8Array => {
      const e = new ReceiptPrinterEncoder({ language, columns: 48 });
      e.initialize();
      c.rpe(e);
      if (cut) e.cut(c.partial ? 'partial' : 'full');
      return e.encode();
    };
    const bytes = print(true);
    const cutAt = divergence(print(false), bytes);
    return {
      name: `receipt-printer-encoder/${language}: ${c.name}`,
      family,
      bytes,
      cutAt,
      partial: c.partial,
    };
  });
}

const NTP = [
  { type: PrinterTypes.STAR, family: 'star' },
  { type: PrinterTypes.EPSON, family: 'escpos' },
] as const;

async function ntpSamples(c: Case): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const { type, family } of NTP) {
    const p = new ThermalPrinter({ type, interface: 'tcp://127.0.0.1:9' });
    await c.ntp(p);
    const cutAt = p.getBuffer()?.length ?? 0;
    if (c.partial) p.partialCut({ verticalTabAmount: 0 });
    else p.cut({ verticalTabAmount: 0 });
    samples.push({
      name: `node-thermal-printer/${type}: ${c.name}`,
      family,
      bytes: Uint8Array.from(p.getBuffer()),
      cutAt,
      partial: c.partial,
    });
  }
  return samples;
}

/** Every case through every encoder and language. */
export async function allSamples(): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const c of CASES) {
    samples.push(...receiptlineSamples(c), ...rpeSamples(c), ...(await ntpSamples(c)));
  }
  return samples;
}
