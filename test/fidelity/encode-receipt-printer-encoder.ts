/**
 * @point-of-sale/receipt-printer-encoder for its three printer languages. It picks code pages by
 * itself (`codepage('auto')`) from the printer maker's mapping, as web POS systems use it.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Dialect } from '../../src/shared';
import { rgba } from './pictures';
import type { Item, Style, Symbology } from './receipts';
import { COLUMNS } from './receipts';
import { type Encoder, styleWithin } from './station';

type Language = 'esc-pos' | 'star-line' | 'star-prnt';

const SYMBOLOGY: Record<Symbology, string> = {
  'upc-a': 'upca',
  'upc-e': 'upce',
  ean13: 'ean13',
  ean8: 'ean8',
  code39: 'code39',
  itf: 'itf',
  codabar: 'codabar',
  code93: 'code93',
  code128: 'code128',
};

function receiptPrinterEncoder(language: Language, dialect: Dialect): Encoder {
  const style = (s: Style | undefined): Style =>
    styleWithin(s, {
      keys: ['bold', 'underline', 'invert', 'width', 'height', 'fontB'],
      maxSize: language === 'esc-pos' ? 8 : 6,
    });

  const print = (e: ReceiptPrinterEncoder, item: Item): void => {
    switch (item.kind) {
      case 'text': {
        const s = style(item.style);
        e.align(item.align ?? 'left');
        e.bold(!!s.bold).underline(!!s.underline).invert(!!s.invert);
        e.size(s.width ?? 1, s.height ?? 1).font(s.fontB ? 'B' : 'A');
        e.line(item.text);
        e.bold(false).underline(false).invert(false).size(1, 1).font('A').align('left');
        return;
      }
      case 'price': {
        const s = style(item.style);
        const w = s.width ?? 1;
        e.bold(!!s.bold).size(w, s.height ?? 1);
        e.table(
          [
            { width: COLUMNS / w - item.right.length, align: 'left' },
            { width: item.right.length, align: 'right' },
          ],
          [[item.left, item.right]],
        );
        e.bold(false).size(1, 1);
        return;
      }
      case 'rule':
        e.rule();
        return;
      case 'picture': {
        const { width, height } = item.picture;
        e.image({ data: rgba(item.picture), width, height }, width, height, 'threshold');
        return;
      }
      case 'barcode':
        e.align('center');
        e.barcode(item.data, SYMBOLOGY[item.symbology] as never, { height: 60, text: 'below' });
        e.align('left');
        return;
      case 'qr':
        e.align('center');
        e.qrcode(item.data, { model: 2, size: 4, errorlevel: 'm' });
        e.align('left');
        return;
      case 'cut':
        e.cut();
        return;
      case 'drawer':
        e.pulse();
        return;
    }
  };

  return {
    name: `receipt-printer-encoder ${language}`,
    dialect,
    style,
    cannot(receipt) {
      if (['japanese', 'chinese', 'taiwanese', 'korean'].includes(receipt.language)) {
        return 'it encodes single-byte code pages only';
      }
      if (language !== 'esc-pos' && receipt.language === 'vietnamese') {
        return "Star's code pages have no Vietnamese: it prints '?' for the letters";
      }
      return null;
    },
    async encode(receipt) {
      const e = new ReceiptPrinterEncoder({
        language,
        columns: COLUMNS,
        codepageMapping: language === 'esc-pos' ? 'epson' : 'star',
        imageMode: 'raster',
      });
      e.initialize().codepage('auto');
      for (const item of receipt.items) print(e, item);
      return { bytes: e.encode() };
    },
  };
}

export const RECEIPT_PRINTER_ENCODER: Encoder[] = [
  receiptPrinterEncoder('esc-pos', 'escpos'),
  receiptPrinterEncoder('star-line', 'star-line'),
  receiptPrinterEncoder('star-prnt', 'star-prnt'),
];
