import { memo, useEffect, useMemo, useRef } from 'react';
import type {
  BarcodeBlock,
  Block,
  Code2dBlock,
  EventBlock,
  ImageBlock,
  ReceiptDocument,
  TextBlock,
  TextRun,
} from '../../shared/document';
import { type DrawnCode, draw2d, drawBarcode } from './codes';

/**
 * A receipt drawn as it came off the printer, from its document model: monospace text at the
 * receipt's width with its styles and alignment, pictures dot for dot, barcodes and QR codes
 * redrawn from their data, and cuts and drawer kicks as markers. Sizes are in printer dots; one
 * column of font A is 12 dots, so the paper is exactly as many characters wide as the receipt.
 * Text from the network only ever becomes text nodes.
 */
export const ReceiptPaper = memo(function ReceiptPaper({
  document,
}: {
  document: ReceiptDocument;
}) {
  return (
    <div
      className="paper-doc"
      data-testid="receipt-paper"
      style={{ width: dots(document.paper.widthDots) }}
    >
      {document.blocks.map((block, k) => (
        <PaperBlock key={k} block={block} />
      ))}
    </div>
  );
});

/** CSS length of a number of printer dots (12 to a character of font A). */
const dots = (n: number): string => `${Number((n / 12).toFixed(3))}ch`;

function PaperBlock({ block }: { block: Block }) {
  switch (block.kind) {
    case 'text':
      return <PaperLine line={block} />;
    case 'image':
      return <PaperImage image={block} />;
    case 'barcode':
      return <PaperBarcode code={block} />;
    case 'code2d':
      return <PaperCode2d code={block} />;
    case 'feed':
      return <div className="paper-feed" style={{ height: dots(block.dots) }} aria-hidden />;
    case 'rule':
      return <hr className="paper-rule" />;
    case 'event':
      return <PaperEvent event={block} />;
  }
}

function PaperLine({ line }: { line: TextBlock }) {
  // Runs a position command placed (tabs, ESC $) start a group at their own x; the rest flow.
  const groups: { x: number | null; runs: TextRun[] }[] = [];
  for (const run of line.runs) {
    if (run.x !== undefined || groups.length === 0) groups.push({ x: run.x ?? null, runs: [] });
    groups[groups.length - 1].runs.push(run);
  }
  const tallest = Math.max(1, ...line.runs.map((r) => r.style.height ?? 1));
  return (
    <div
      className={`paper-line align-${line.align}`}
      style={{
        paddingLeft: line.marginLeft ? dots(line.marginLeft) : undefined,
        width: line.areaWidth ? dots(line.areaWidth + (line.marginLeft ?? 0)) : undefined,
        minHeight: `${tallest * 1.25}em`,
      }}
    >
      {line.runs.length === 0 ? '\u00a0' : null}
      {groups.map((g, k) =>
        g.x === null ? (
          <span key={k}>{g.runs.map(renderRun)}</span>
        ) : (
          <span key={k} className="paper-at" style={{ left: dots(g.x + (line.marginLeft ?? 0)) }}>
            {g.runs.map(renderRun)}
          </span>
        ),
      )}
    </div>
  );
}

function renderRun(run: TextRun, k: number) {
  const s = run.style;
  const classes = ['run'];
  if (s.bold) classes.push('bold');
  if (s.underline) classes.push(s.underline === 2 ? 'underline-thick' : 'underline');
  if (s.inverse) classes.push('inverse');
  if (s.font === 'B' || s.font === 'C') classes.push('font-small');
  if (s.upsideDown) classes.push('upside-down');
  const w = s.width ?? 1;
  const h = s.height ?? 1;
  if (w === 1 && h === 1) {
    return (
      <span key={k} className={classes.join(' ')}>
        {run.text}
      </span>
    );
  }
  // A scaled run takes the room its characters take on paper; its glyphs grow from the baseline.
  return (
    <span key={k} className="run-box" style={{ width: `${[...run.text].length * w}ch` }}>
      <span
        className={`${classes.join(' ')} scaled`}
        style={{ transform: `scale(${w}, ${h})` }}
        data-size={`${w}x${h}`}
      >
        {run.text}
      </span>
    </span>
  );
}

function PaperImage({ image }: { image: ImageBlock }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pixels = useMemo(() => decodeBitmap(image), [image]);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !pixels) return;
    ctx.putImageData(pixels, 0, 0);
  }, [pixels]);
  if (image.width === 0 || image.height === 0 || !image.bitmapBase64) {
    return (
      <div className={`paper-block align-${image.align}`}>
        <div className="paper-placeholder" role="img" aria-label="Logo kept in the printer">
          {image.note ?? 'A picture that was not sent with this receipt.'}
        </div>
      </div>
    );
  }
  return (
    <div className={`paper-block align-${image.align}`}>
      <canvas
        ref={canvas}
        className="paper-image"
        width={image.width}
        height={image.height}
        role="img"
        aria-label={image.note ?? `Picture, ${image.width} × ${image.height} dots`}
        style={{
          width: dots(image.width * image.scaleX),
          height: dots(image.height * image.scaleY),
        }}
      />
    </div>
  );
}

/** The 1-bit bitmap (rows MSB first, padded to whole bytes) as black-on-white pixels. */
function decodeBitmap(image: ImageBlock): ImageData | null {
  if (typeof ImageData === 'undefined' || image.width === 0 || !image.bitmapBase64) return null;
  const bits = Uint8Array.from(atob(image.bitmapBase64), (c) => c.charCodeAt(0));
  const rowBytes = Math.ceil(image.width / 8);
  const out = new ImageData(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const dark = (bits[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) !== 0;
      const i = (y * image.width + x) * 4;
      const v = dark ? 0 : 255;
      out.data[i] = v;
      out.data[i + 1] = v;
      out.data[i + 2] = v;
      out.data[i + 3] = 255;
    }
  }
  return out;
}

function CodeImage({
  drawn,
  label,
  fallback,
}: {
  drawn: DrawnCode | null;
  label: string;
  fallback: string;
}) {
  if (!drawn) return <div className="paper-placeholder">{fallback}</div>;
  return (
    <img
      className="paper-code"
      src={drawn.url}
      alt={label}
      style={{ width: dots(drawn.width), height: dots(drawn.height) }}
    />
  );
}

function PaperBarcode({ code }: { code: BarcodeBlock }) {
  const drawn = useMemo(() => drawBarcode(code), [code]);
  const readable = [...code.data].filter((ch) => ch >= ' ').join('');
  const label = `${code.symbology.toUpperCase()} barcode: ${readable}`;
  const hri = <div className={`paper-hri${code.hriFont ? ' font-small' : ''}`}>{readable}</div>;
  return (
    <div className={`paper-block align-${code.align}`}>
      {code.hri === 'above' || code.hri === 'both' ? hri : null}
      <CodeImage drawn={drawn} label={label} fallback={label} />
      {code.hri === 'below' || code.hri === 'both' ? hri : null}
    </div>
  );
}

const CODE_NAMES: Readonly<Record<Code2dBlock['symbology'], string>> = {
  qr: 'QR code',
  pdf417: 'PDF417',
  maxicode: 'MaxiCode',
  datamatrix: 'Data Matrix',
  aztec: 'Aztec code',
};

function PaperCode2d({ code }: { code: Code2dBlock }) {
  const drawn = useMemo(() => draw2d(code), [code]);
  const label = `${CODE_NAMES[code.symbology]}: ${code.data}`;
  return (
    <div className={`paper-block align-${code.align}`}>
      <CodeImage drawn={drawn} label={label} fallback={label} />
    </div>
  );
}

const EVENT_LABELS: Readonly<Record<EventBlock['event'], string>> = {
  cut: '✂ Paper cut',
  'partial-cut': '✂ Partial cut',
  'drawer-kick': 'Cash drawer opened',
  buzzer: 'Beep',
};

function PaperEvent({ event }: { event: EventBlock }) {
  return (
    <div className={`paper-event event-${event.event}`} role="note">
      <span>
        {EVENT_LABELS[event.event]}
        {event.detail ? ` (${event.detail})` : ''}
      </span>
    </div>
  );
}
