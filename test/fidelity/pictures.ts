/**
 * Pictures in the forms encoders take (RGBA pixels, PNG files) and the comparison of an image
 * block's bitmap with the picture it should show, dot for dot.
 */
import { PNG } from 'pngjs';
import type { ImageBlock } from '../../src/shared';
import type { Picture } from './receipts';

/** Black and white RGBA pixels, fully opaque. */
export function rgba(picture: Picture): Uint8ClampedArray {
  const data = new Uint8ClampedArray(picture.width * picture.height * 4);
  picture.dark.forEach((d, i) => data.set(d ? [0, 0, 0, 255] : [255, 255, 255, 255], i * 4));
  return data;
}

export function png(picture: Picture): Buffer {
  const image = new PNG({ width: picture.width, height: picture.height });
  image.data = Buffer.from(rgba(picture).buffer);
  return PNG.sync.write(image);
}

/** A PNG's pixels as grey levels, 0 black to 255 white (transparent reads as white). */
export function readGrey(file: Buffer): { width: number; height: number; grey: Uint8Array } {
  const image = PNG.sync.read(file);
  const grey = new Uint8Array(image.width * image.height);
  for (let i = 0; i < grey.length; i++) {
    const [r, g, b, a] = image.data.subarray(i * 4, i * 4 + 4);
    grey[i] = a > 127 ? Math.round(r * 0.299 + g * 0.587 + b * 0.114) : 255;
  }
  return { width: image.width, height: image.height, grey };
}

/** A PNG read as a picture: a dot is dark where the pixel is darker than mid-grey. */
export function readPng(file: Buffer): Picture {
  const { width, height, grey } = readGrey(file);
  return { width, height, dark: Array.from(grey, (g) => g < 128) };
}

/** Whether dot x,y of an image block is black. */
export function dotAt(block: ImageBlock, bits: Buffer, x: number, y: number): boolean {
  return (bits[y * Math.ceil(block.width / 8) + (x >> 3)] & (0x80 >> (x & 7))) !== 0;
}

/** A QR matrix (rows of 0/1 modules) drawn with `cell` dots per module. */
export function matrixPicture(matrix: ArrayLike<number>[], cell: number): Picture {
  const size = matrix.length * cell;
  const dark: boolean[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++)
      dark.push(matrix[Math.floor(y / cell)][Math.floor(x / cell)] === 1);
  }
  return { width: size, height: size, dark };
}

/**
 * Differences between an image block and a picture, as a short list a reader can act on (empty
 * when they match). The block may be wider or taller only by white padding: raster commands send
 * whole bytes per row and Star line mode sends whole 24-dot bands.
 */
export function pictureDifferences(block: ImageBlock, picture: Picture): string[] {
  const problems: string[] = [];
  if (block.width < picture.width || block.width > Math.ceil(picture.width / 8) * 8 + 7) {
    problems.push(`width ${block.width} dots, expected ${picture.width}`);
  }
  if (block.height < picture.height || block.height > picture.height + 23) {
    problems.push(`height ${block.height} dots, expected ${picture.height}`);
  }
  if (problems.length > 0) return problems;
  const bits = Buffer.from(block.bitmapBase64, 'base64');
  const rowBytes = Math.ceil(block.width / 8);
  let wrong = 0;
  let first = '';
  for (let y = 0; y < block.height; y++) {
    for (let x = 0; x < block.width; x++) {
      const got = (bits[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) !== 0;
      const want = x < picture.width && y < picture.height && picture.dark[y * picture.width + x];
      if (got !== want) {
        wrong++;
        first ||= `dot ${x},${y} is ${got ? 'black' : 'white'}`;
      }
    }
  }
  if (wrong > 0) problems.push(`${wrong} dots differ, first ${first}`);
  return problems;
}
