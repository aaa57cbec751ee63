/**
 * Barcodes and 2D codes redrawn from the data the interpreter read, as SVG data URLs for an
 * <img> (no markup from the network ever reaches the page). Sizes are in printer dots.
 */
import { toSVG } from 'bwip-js/browser';
import QRCode from 'qrcode';
import type { BarcodeBlock, Code2dBlock } from '../../shared/document';

/** The interpreter's symbology names -> bwip-js encoder ids. */
const BWIP: Readonly<Record<string, string>> = {
  'upc-a': 'upca',
  'upc-e': 'upce',
  ean13: 'ean13',
  ean8: 'ean8',
  code39: 'code39',
  itf: 'interleaved2of5',
  codabar: 'rationalizedCodabar',
  code93: 'code93',
  code128: 'code128',
  pdf417: 'pdf417',
  datamatrix: 'datamatrix',
  aztec: 'azteccode',
  maxicode: 'maxicode',
};

export interface DrawnCode {
  url: string;
  /** Size on paper in dots. */
  width: number;
  height: number;
}

const svgUrl = (svg: string): string =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** A barcode as the printer drew it, or null when its data cannot be drawn (shown as text). */
export function drawBarcode(block: BarcodeBlock): DrawnCode | null {
  const bcid = BWIP[block.symbology];
  if (!bcid || block.data.length === 0) return null;
  try {
    const moduleWidth = Math.max(1, Math.min(block.moduleWidth, 6));
    // bwip-js takes the bar height in millimetres; a 203 dpi printer dot is 0.125 mm.
    const svg = toSVG({ bcid, text: block.data, scale: moduleWidth, height: block.height * 0.125 });
    const size = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
    const width = size ? Number(size[1]) : 200;
    return { url: svgUrl(svg), width, height: block.height };
  } catch {
    return null;
  }
}

/** A 2D code as the printer drew it: QR with qrcode, the others with bwip-js. */
export function draw2d(block: Code2dBlock): DrawnCode | null {
  if (block.data.length === 0) return null;
  try {
    if (block.symbology === 'qr') return drawQr(block);
    const bcid = BWIP[block.symbology];
    if (!bcid) return null;
    const scale = Math.max(1, Math.min(block.moduleSize, 8));
    const svg = toSVG({ bcid, text: block.data, scale });
    const size = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
    return {
      url: svgUrl(svg),
      width: size ? Number(size[1]) : 100,
      height: size ? Number(size[2]) : 100,
    };
  } catch {
    return null;
  }
}

function drawQr(block: Code2dBlock): DrawnCode {
  const level = (['L', 'M', 'Q', 'H'] as const).find((l) => l === block.errorCorrection) ?? 'M';
  const qr = QRCode.create(block.data, { errorCorrectionLevel: level });
  const n = qr.modules.size;
  let path = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (qr.modules.get(y, x)) path += `M${x} ${y}h1v1h-1z`;
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges">` +
    `<path d="${path}" fill="#000"/></svg>`;
  const dots = n * Math.max(1, Math.min(block.moduleSize, 16));
  return { url: svgUrl(svg), width: dots, height: dots };
}
