/**
 * The pictures of one receipt as they arrive: bands printed one after another join into one
 * image, Star raster mode grows one image a row at a time, and the receipt's bitmap bytes stay
 * under the document's cap. Bitmaps are encoded when an image can grow no more.
 */
import type { Align, ImageBlock } from '../../shared';
import { NO_PIXELS, type OpenImage, appendRow, closeImage, continueImage, open } from './images';

export class Pictures {
  private current: OpenImage | null = null;
  private bytes = 0;

  constructor(
    readonly maxBytes: number,
    private readonly encode: boolean,
  ) {}

  get isOpen(): boolean {
    return this.current !== null;
  }

  /**
   * Adds an image or band: its block when it starts a new image, 'joined' when it continued the
   * open one, 'over-cap' when the receipt's pictures are past the cap (it is not kept).
   */
  add(image: OpenImage, join: boolean): ImageBlock | 'joined' | 'over-cap' {
    if (this.bytes + image.bytes > this.maxBytes) return 'over-cap';
    this.bytes += image.bytes;
    if (join && continueImage(this.current, image)) return 'joined';
    this.close();
    this.current = image;
    return image.block;
  }

  /** One raster row: grows the open row-by-row image when it continues it. */
  addRow(
    bytes: Uint8Array,
    from: number,
    rowBytes: number,
    align: Align,
  ): ImageBlock | 'joined' | 'over-cap' {
    const image = this.current;
    const block = image?.block;
    if (
      image?.rows &&
      block!.source === 'raster' &&
      image.rowBytes === rowBytes &&
      block!.scaleX === 1 &&
      block!.scaleY === 1 &&
      block!.align === align
    ) {
      if (this.bytes + rowBytes > this.maxBytes) return 'over-cap';
      this.bytes += rowBytes;
      image.bytes += rowBytes;
      block!.height++;
      if (this.encode) appendRow(image.rows, bytes, from, rowBytes);
      return 'joined';
    }
    const started = open('raster', rowBytes, 0, NO_PIXELS, 1, 1, align);
    started.rows = { buf: new Uint8Array(this.encode ? rowBytes * 64 : 0), used: 0 };
    started.bytes = 0;
    const added = this.add(started, false);
    if (added !== 'over-cap') this.addRow(bytes, from, rowBytes, align);
    return added;
  }

  /** Height on paper of the open image's last band, in dots (scale included); 0 if none. */
  lastBandDots(): number {
    const image = this.current;
    if (!image) return 0;
    const band = image.bands[image.bands.length - 1];
    return band && image.rowBytes > 0 ? (band.length / image.rowBytes) * image.block.scaleY : 0;
  }

  close(): void {
    if (this.current) closeImage(this.current, this.encode);
    this.current = null;
  }
}
