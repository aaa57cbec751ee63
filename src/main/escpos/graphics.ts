/**
 * GS ( L / GS 8 L graphics and FS q / FS p NV bit images. The POS either sends a picture and
 * prints it at once (store in the print buffer, then print), or defines a picture under a key and
 * prints it by key. A key defined earlier in the same receipt prints what was defined; a key the
 * receipt never defined is a logo kept in the printer, shown as a placeholder with a note.
 * Memory is bounded by the bytes received: a header that claims more dots than its data holds is
 * drawn as far as the data goes, never allocated.
 */
import type { Align, ImageBlock } from '../../shared';
import {
  type OpenImage,
  type Picture,
  type PictureRead,
  open,
  overlay,
  readPicture,
} from './images';

interface Bitmap extends Picture {
  /** Colours it was sent in (1 = c 49 ... 4 = c 52); more than one are all drawn in black. */
  colours: number[];
}

/**
 * Functions that print nothing and change nothing drawn here: memory capacity and key-list
 * requests (the printer answers), reference dot density; and the prints, left to print().
 */
const QUIET = new Set([0, 1, 3, 4, 48, 49, 51, 52, 64, 80, 2, 50, 69, 85]);

interface Printed {
  image: OpenImage | null;
  warning: string | null;
}

/** Pictures defined under two-byte keys (NV or download graphics) in this receipt. */
class Keyed {
  /** null: deleted in this receipt, so the printer holds nothing under that key. */
  private readonly pictures = new Map<number, Bitmap | null>();
  private cleared = false;

  define(key: number, bitmap: Bitmap): void {
    this.pictures.set(key, bitmap);
  }
  delete(key: number): void {
    this.pictures.set(key, null);
  }
  deleteAll(): void {
    this.pictures.clear();
    this.cleared = true;
  }
  /** The picture; null if this receipt deleted it; undefined if only the printer knows. */
  find(key: number): Bitmap | null | undefined {
    const picture = this.pictures.get(key);
    return picture !== undefined ? picture : this.cleared ? null : undefined;
  }
}

/** What the printer remembers of graphics between commands, for one receipt. */
export class Graphics {
  /** GS ( L fn 112/113: pictures waiting in the print buffer, by colour. */
  private buffer = new Map<number, { bitmap: Bitmap; scaleX: number; scaleY: number }>();
  private readonly nv = new Keyed();
  private readonly download = new Keyed();
  /** FS q defines all NV bit images at once; null until this receipt does. */
  private bitImages: Bitmap[] | null = null;
  /** GS * x y: the one downloaded bit image (RAM, so ESC @ forgets it); undefined = never sent. */
  private downloaded: Bitmap | null | undefined = undefined;

  /**
   * A GS ( L / GS 8 L command that prints nothing: store in the print buffer, define, delete,
   * density, capacity and key-list requests. Print functions are left to print(). Returns a
   * warning sentence, or null.
   */
  set(buf: Uint8Array, at: number, length: number): string | null {
    const f = frame(buf, at, length);
    if (!f) return `Graphics command at byte ${at} is too short to say what it does.`;
    const { fn, from, end } = f;
    switch (fn) {
      case 112:
      case 113:
        return this.store(buf, at, from, end, fn === 113);
      case 67:
      case 68:
        return define(this.nv, buf, at, from, end, fn === 68);
      case 83:
      case 84:
        return define(this.download, buf, at, from, end, fn === 84);
      case 65:
        this.nv.deleteAll();
        return null;
      case 81:
        this.download.deleteAll();
        return null;
      case 66:
      case 82:
        if (from + 2 > end) return `Graphics delete at byte ${at} has no key.`;
        (fn === 66 ? this.nv : this.download).delete(buf[from] * 256 + buf[from + 1]);
        return null;
      default:
        if (QUIET.has(fn)) return null;
        return `Graphics function ${fn} at byte ${at} is not one ESC/POS defines; ignored.`;
    }
  }

  /**
   * A print: GS ( L / GS 8 L fn 2/50 (the print buffer), 69 (NV graphics by key), 85 (download
   * graphics by key), or FS p (NV bit image). The image goes through the document's image cap
   * like any other; other functions are passed to set().
   */
  print(buf: Uint8Array, at: number, length: number, align: Align): Printed {
    if (buf[at] === 0x1c) return this.printBitImage(buf, at, length, align);
    if (buf[at + 1] === 0x2f) return this.printDownloaded(buf, at, align);
    const f = frame(buf, at, length);
    if (!f) return { image: null, warning: this.set(buf, at, length) };
    const { fn, from, end } = f;
    if (fn === 2 || fn === 50) return this.printBuffer(at, align);
    if (fn !== 69 && fn !== 85) return { image: null, warning: this.set(buf, at, length) };
    if (from + 4 > end)
      return { image: null, warning: `Graphics print at byte ${at} is cut short.` };
    const key = buf[from] * 256 + buf[from + 1];
    const scaleX = scale(buf[from + 2]);
    const scaleY = scale(buf[from + 3]);
    const nv = fn === 69;
    const what = `${nv ? 'NV' : 'download'} graphics ${keyName(key)}`;
    const picture = (nv ? this.nv : this.download).find(key);
    const source = nv ? 'nv-logo' : 'graphics';
    if (picture === null) {
      const warning = `${upper(what)} printed at byte ${at} were deleted earlier in this receipt; nothing printed.`;
      return { image: null, warning };
    }
    if (!picture) {
      const held = nv
        ? 'This logo is stored in the printer'
        : 'This picture was sent to the printer earlier';
      const note = `${held} (${what}) and was not sent with this receipt.`;
      return { image: placeholder(source, scaleX, scaleY, align, note), warning: null };
    }
    return { image: image(source, picture, scaleX, scaleY, align), warning: null };
  }

  /** FS q n [xL xH yL yH d1..dk] x n: replaces every NV bit image. Returns a warning or null. */
  defineNvBitImages(buf: Uint8Array, at: number, length: number): string | null {
    const end = Math.min(at + length, buf.length);
    const count = at + 2 < end ? buf[at + 2] : 0;
    const images: Bitmap[] = [];
    let i = at + 3;
    for (let n = 0; n < count; n++) {
      if (i + 4 > end) break;
      // x bytes across (x * 8 dots), y bytes down (y * 8 dots), in columns of y bytes.
      const width = u16(buf, i) * 8;
      const height = u16(buf, i + 2) * 8;
      const read = readPicture(buf, i + 4, end, width, height, true);
      if (!read.picture) break;
      images.push({ ...read.picture, colours: [1] });
      i = read.next;
      if (read.short) break;
    }
    this.bitImages = images;
    if (images.length < count) {
      return `NV bit images at byte ${at}: ${images.length} of the ${count} announced were received whole.`;
    }
    return i < end ? leftOver(at, end - i) : null;
  }

  /** ESC @ empties the print buffer and forgets download graphics (they live in RAM). */
  initialize(): void {
    this.buffer.clear();
    this.download.deleteAll();
    if (this.downloaded !== undefined) this.downloaded = null;
  }

  /** GS * x y d1..d(x*y*8): x * 8 dots across, y * 8 down, in columns of y bytes. */
  defineDownloaded(buf: Uint8Array, at: number, length: number): string | null {
    const end = Math.min(at + length, buf.length);
    const read = readPicture(buf, at + 4, end, buf[at + 2] * 8, buf[at + 3] * 8, true);
    this.downloaded = read.picture ? { ...read.picture, colours: [1] } : null;
    return read.short ? `Downloaded bit image at byte ${at} is cut short.` : null;
  }

  /** GS / m: prints the GS * image at the scale m asks for. */
  private printDownloaded(buf: Uint8Array, at: number, align: Align): Printed {
    const m = buf[at + 2] & 0x03;
    const picture = this.downloaded;
    if (!picture) {
      const note =
        'This picture was sent to the printer earlier (downloaded bit image) and was not sent with this receipt.';
      if (picture === null) {
        return { image: null, warning: `Downloaded bit image printed at byte ${at} was cleared.` };
      }
      return {
        image: placeholder('graphics', m & 1 ? 2 : 1, m & 2 ? 2 : 1, align, note),
        warning: null,
      };
    }
    return {
      image: image('graphics', picture, m & 1 ? 2 : 1, m & 2 ? 2 : 1, align),
      warning: null,
    };
  }

  private store(buf: Uint8Array, at: number, from: number, end: number, column: boolean) {
    // a bx by c xL xH yL yH d1..dk
    if (from + 8 > end) return `Graphics at byte ${at} are cut short before their size.`;
    const c = buf[from + 3];
    const read = readPicture(buf, from + 8, end, u16(buf, from + 4), u16(buf, from + 6), column);
    if (read.picture) {
      const bitmap = { ...read.picture, colours: [colour(c)] };
      this.buffer.set(colour(c), {
        bitmap,
        scaleX: scale(buf[from + 1]),
        scaleY: scale(buf[from + 2]),
      });
    }
    if (read.short) return shortData(at, read);
    return read.next < end ? leftOver(at, end - read.next) : null;
  }

  /** The print buffer's colours drawn as one picture, in the size of the first colour. */
  private printBuffer(at: number, align: Align): Printed {
    const layers = [...this.buffer.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    this.buffer.clear();
    if (layers.length === 0) {
      return { image: null, warning: `Graphics print at byte ${at} found nothing stored.` };
    }
    // The buffer's pictures are its own (nothing else holds them), so colours merge in place.
    const [base, ...others] = layers;
    let skipped = 0;
    for (const layer of others) {
      if (layer.scaleX !== base.scaleX || layer.scaleY !== base.scaleY) {
        skipped++;
        continue;
      }
      overlay(base.bitmap, layer.bitmap);
      base.bitmap.colours.push(...layer.bitmap.colours);
    }
    const printed = image('graphics', base.bitmap, base.scaleX, base.scaleY, align);
    const warning = skipped
      ? `Graphics printed at byte ${at} had ${skipped} colour(s) at another scale; left out.`
      : null;
    return { image: printed, warning };
  }

  private printBitImage(buf: Uint8Array, at: number, length: number, align: Align): Printed {
    if (length < 4 || at + 4 > buf.length) {
      return { image: null, warning: `NV bit image print at byte ${at} is cut short.` };
    }
    const n = buf[at + 2];
    const m = buf[at + 3] & 0x03; // 0/48 normal, 1/49 double width, 2/50 double height, 3/51 both
    const scaleX = m & 1 ? 2 : 1;
    const scaleY = m & 2 ? 2 : 1;
    if (!this.bitImages) {
      const note = `This logo is stored in the printer (NV bit image ${n}) and was not sent with this receipt.`;
      return { image: placeholder('nv-logo', scaleX, scaleY, align, note), warning: null };
    }
    const picture = n >= 1 ? this.bitImages[n - 1] : undefined;
    if (!picture) {
      const defined = this.bitImages.length;
      const warning = `NV bit image ${n} printed at byte ${at} is not among the ${defined} this receipt defined; none printed.`;
      return { image: null, warning };
    }
    return { image: image('nv-logo', picture, scaleX, scaleY, align), warning: null };
  }
}

/** GS ( L pL pH m fn or GS 8 L p1..p4 m fn: the function, where its parameters start, the end. */
function frame(buf: Uint8Array, at: number, length: number) {
  const end = Math.min(at + length, buf.length);
  const from = buf[at + 1] === 0x38 ? at + 9 : at + 7;
  return from <= end ? { fn: buf[from - 1], from, end } : null;
}

/** GS ( L fn 67/68/83/84: a kc1 kc2 b xL xH yL yH [c d1..dk] x b, under the key kc1 kc2. */
function define(
  keyed: Keyed,
  buf: Uint8Array,
  at: number,
  from: number,
  end: number,
  column: boolean,
): string | null {
  if (from + 8 > end) return `Graphics definition at byte ${at} is cut short before its size.`;
  const key = buf[from + 1] * 256 + buf[from + 2];
  const count = buf[from + 3];
  const width = u16(buf, from + 4);
  const height = u16(buf, from + 6);
  if (count === 0) return `Graphics ${keyName(key)} at byte ${at} define no colour; ignored.`;
  let picture: Bitmap | null = null;
  let i = from + 8;
  for (let n = 0; n < count && i < end; n++) {
    const c = colour(buf[i]);
    const read = readPicture(buf, i + 1, end, width, height, column);
    i = read.next;
    if (read.picture && !picture) {
      picture = { ...read.picture, colours: [c] };
    } else if (read.picture && picture) {
      overlay(picture, read.picture);
      picture.colours.push(c);
    }
    if (read.short) {
      if (picture) keyed.define(key, picture);
      return shortData(at, read);
    }
  }
  if (!picture) return `Graphics ${keyName(key)} at byte ${at} hold no picture; ignored.`;
  keyed.define(key, picture);
  if (picture.colours.length < count) {
    return `Graphics ${keyName(key)} at byte ${at} hold ${picture.colours.length} of the ${count} colours announced.`;
  }
  return i < end ? leftOver(at, end - i) : null;
}

function image(
  source: ImageBlock['source'],
  picture: Bitmap,
  scaleX: number,
  scaleY: number,
  align: Align,
): OpenImage {
  const { rowBytes, height, bits, width, colours } = picture;
  const opened = open(source, rowBytes, height, bits, scaleX, scaleY, align, width);
  if (colours.length > 1) {
    opened.block.note = `Printed in ${colours.length} colours; all are drawn in black here.`;
  }
  return opened;
}

function placeholder(
  source: ImageBlock['source'],
  scaleX: number,
  scaleY: number,
  align: Align,
  note: string,
): OpenImage {
  const opened = open(source, 0, 0, new Uint8Array(0), scaleX, scaleY, align);
  opened.block.note = note;
  opened.bands = [];
  return opened;
}

function shortData(at: number, read: PictureRead): string {
  const drawn = read.picture ? `${read.picture.width} x ${read.picture.height}` : 'nothing';
  return (
    `Graphics at byte ${at} claim ${read.width} x ${read.height} dots but carry ` +
    `${read.sent} bytes of data; drew ${drawn}.`
  );
}

function leftOver(at: number, n: number): string {
  return `Graphics at byte ${at} end with ${n} byte(s) more than their size needs; ignored.`;
}

/** bx, by, x, y: 1 or 2 (the printer doubles dots for 2). */
const scale = (n: number): number => (n === 2 ? 2 : 1);

/** c 49..52 are colours 1..4; anything else is read as colour 1. */
const colour = (c: number): number => (c >= 49 && c <= 52 ? c - 48 : 1);

const u16 = (buf: Uint8Array, i: number): number => buf[i] + buf[i + 1] * 256;

const upper = (s: string): string => s[0].toUpperCase() + s.slice(1);

/** Key codes are printable ASCII (32..126) in the spec: "AB"; anything else in hex. */
function keyName(key: number): string {
  const a = key >> 8;
  const b = key & 0xff;
  if (a >= 32 && a <= 126 && b >= 32 && b <= 126) return `"${String.fromCharCode(a, b)}"`;
  return `0x${key.toString(16).padStart(4, '0')}`;
}
