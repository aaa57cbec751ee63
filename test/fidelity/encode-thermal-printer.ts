/**
 * node-thermal-printer, the library many Node POS systems print with, for its EPSON (ESC/POS)
 * and STAR (Star Line) printer types. It builds the bytes without a printer attached.
 */
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { Dialect } from '../../src/shared';
import { png } from './pictures';
import type { Item, Language, Style, Symbology } from './receipts';
import { COLUMNS } from './receipts';
import { type Encoder, styleWithin } from './station';

const CHARACTER_SET: Partial<Record<Language, CharacterSet>> = {
  english: CharacterSet.PC437_USA,
  german: CharacterSet.PC858_EURO,
  czech: CharacterSet.PC852_LATIN2,
  greek: CharacterSet.PC737_GREEK,
  russian: CharacterSet.PC866_CYRILLIC2,
  turkish: CharacterSet.PC857_TURKISH,
  vietnamese: CharacterSet.WPC1258_VIETNAMESE,
};

/** GS k function B types (EPSON) and ESC b types (STAR). */
const EPSON_BARCODE: Record<Symbology, number> = {
  'upc-a': 65,
  'upc-e': 66,
  ean13: 67,
  ean8: 68,
  code39: 69,
  itf: 70,
  codabar: 71,
  code93: 72,
  code128: 73,
};
const STAR_BARCODE: Record<Symbology, number> = {
  'upc-e': 48,
  'upc-a': 49,
  ean8: 50,
  ean13: 51,
  code39: 52,
  itf: 53,
  code128: 54,
  code93: 55,
  codabar: 56,
};

/** Star's ESC b takes UPC-E as the 11 digits of the UPC-A it abbreviates. */
function upcEAsUpcA(upcE: string): string {
  const [ns, d, last] = [upcE[0], upcE.slice(1, 7), upcE[6]];
  if (last <= '2') return `${ns}${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  if (last === '3') return `${ns}${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  if (last === '4') return `${ns}${d.slice(0, 4)}00000${d[4]}`;
  return `${ns}${d.slice(0, 5)}0000${last}`;
}

function thermalPrinterEncoder(type: PrinterTypes, dialect: Dialect): Encoder {
  const star = type === PrinterTypes.STAR;
  const style = (s: Style | undefined): Style =>
    styleWithin(s, {
      keys: ['bold', 'underline', 'invert', 'width', 'height', 'fontB', 'upsideDown'],
      // The STAR type has double width and height only (no setTextSize).
      maxSize: star ? 2 : 8,
    });

  const setStyle = (p: ThermalPrinter, s: Style): void => {
    const w = s.width ?? 1;
    const h = s.height ?? 1;
    // setTextSize(height, width) puts its first argument in GS ! n's width bits (bits 4-6), so
    // the width goes first to get what its documentation promises.
    if (!star) p.setTextSize(w - 1, h - 1);
    else if (w > 1 && h > 1) p.setTextQuadArea();
    else if (w > 1) p.setTextDoubleWidth();
    else if (h > 1) p.setTextDoubleHeight();
    if (s.bold) p.bold(true);
    if (s.underline) p.underline(true);
    if (s.invert) p.invert(true);
    if (s.fontB) p.setTypeFontB();
    if (s.upsideDown) p.upsideDown(true);
  };
  const resetStyle = (p: ThermalPrinter): void => {
    p.setTextNormal();
    p.bold(false);
    p.underline(false);
    p.invert(false);
    p.setTypeFontA();
    p.upsideDown(false);
    p.alignLeft();
  };

  const print = async (p: ThermalPrinter, item: Item): Promise<void> => {
    switch (item.kind) {
      case 'text':
        if (item.align === 'center') p.alignCenter();
        if (item.align === 'right') p.alignRight();
        setStyle(p, style(item.style));
        p.println(item.text);
        resetStyle(p);
        return;
      case 'price': {
        const s = style(item.style);
        const w = s.width ?? 1;
        setStyle(p, s);
        // leftRight() pads for normal width only; wider text is padded by hand.
        if (w === 1) p.leftRight(item.left, item.right);
        else {
          const pad = COLUMNS / w - item.left.length - item.right.length;
          p.println(item.left + ' '.repeat(pad) + item.right);
        }
        resetStyle(p);
        return;
      }
      case 'rule':
        p.drawLine();
        return;
      case 'picture':
        await p.printImageBuffer(png(item.picture));
        p.newLine();
        return;
      case 'barcode':
        p.alignCenter();
        if (star) {
          // ESC b n1 n2 n3 n4: n2 = 2 prints the human-readable line; UPC-E goes in UPC-A form.
          const settings = { characters: 2, height: 60 };
          const data = item.symbology === 'upc-e' ? upcEAsUpcA(item.data) : item.data;
          p.printBarcode(data, STAR_BARCODE[item.symbology], settings);
        } else {
          p.printBarcode(item.data, EPSON_BARCODE[item.symbology], {
            hriPos: 2,
            width: 2,
            height: 60,
          });
        }
        p.newLine();
        p.alignLeft();
        return;
      case 'qr':
        p.alignCenter();
        if (star) {
          const settings = { cellSize: 4, correctionLevel: 'M', model: 2 };
          p.printQR(item.data, settings);
        } else {
          p.printQR(item.data, { cellSize: 4, correction: 'M', model: 2 });
        }
        p.newLine();
        p.alignLeft();
        return;
      case 'cut':
        p.cut();
        return;
      case 'drawer':
        p.openCashDrawer();
        return;
    }
  };

  return {
    name: `node-thermal-printer ${type.toUpperCase()}`,
    dialect,
    style,
    cannot(receipt) {
      const set = CHARACTER_SET[receipt.language];
      if (!set) {
        return (
          'its JAPAN, CHINA and KOREA character sets send ESC R n and EUC bytes without ' +
          'Kanji mode, which no printer reads as those characters'
        );
      }
      if (set === CharacterSet.WPC1258_VIETNAMESE) {
        // Windows-1258 has no precomposed "ế", so its fallback switches tables: ESC R 0 with
        // Big5-HKSCS bytes, TCVN-3 bytes under ESC t 52 (Windows-1258).
        return 'it cannot encode precomposed Vietnamese letters and falls back to wrong tables';
      }
      if (star && receipt.items.some((i) => i.kind === 'qr')) {
        // printQR sends nL nH and the data without ESC GS y D 1 m before them: printed as text.
        return 'its STAR printQR leaves out the data command, so the data prints as text';
      }
      return null;
    },
    async encode(receipt) {
      const p = new ThermalPrinter({
        type,
        interface: 'tcp://127.0.0.1:9',
        width: COLUMNS,
        characterSet: CHARACTER_SET[receipt.language],
      });
      for (const item of receipt.items) await print(p, item);
      return { bytes: new Uint8Array(p.getBuffer()) };
    },
  };
}

export const THERMAL_PRINTER: Encoder[] = [
  thermalPrinterEncoder(PrinterTypes.EPSON, 'escpos'),
  thermalPrinterEncoder(PrinterTypes.STAR, 'star-line'),
];
