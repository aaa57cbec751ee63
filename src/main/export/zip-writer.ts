/**
 * A ZIP written as it goes: fflate's streaming Zip lays out the archive, and each entry is
 * compressed by Node's zlib (native; a large one on its thread pool) before it is handed over, so
 * only one receipt's bytes are in memory at a time and capture keeps the event loop. fflate
 * writes no ZIP64: an archive stays under 65,535 entries and 4 GiB (the service checks first).
 */
import { type AsyncFlateStreamHandler, Zip, type ZipInputFile } from 'fflate';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { ExportFile } from './export-file';

const deflateRaw = promisify(zlib.deflateRaw);

/**
 * Entries up to this size are compressed on the main thread (tens of microseconds each; a trip
 * to the thread pool costs more than that), larger ones (pictures) on the pool.
 */
const DEFLATE_HERE_BELOW = 64 * 1024;

/** DOS times in a ZIP run from 1980; fflate takes years up to 2099. */
const FIRST_YEAR = 1980;
const LAST_YEAR = 2099;

/**
 * An entry whose bytes arrive already deflated. (fflate's own ZipDeflate would compress on the
 * main thread, and the archive keeps each entry object to the end: with it, every entry's
 * compressor state stayed in memory until the archive closed.)
 */
class DeflatedEntry implements ZipInputFile {
  readonly compression = 8;
  crc = 0;
  size = 0;
  mtime?: number;
  ondata?: AsyncFlateStreamHandler;

  constructor(readonly filename: string) {}
}

export class ZipWriter {
  private readonly zip: Zip;
  private failure: Error | null = null;

  constructor(private readonly file: ExportFile) {
    this.zip = new Zip((err, chunk) => {
      if (err) this.failure ??= err;
      else file.push(chunk);
    });
  }

  /** Adds one whole entry and writes what has gathered. */
  async add(name: string, data: Uint8Array, modifiedAt: number): Promise<void> {
    const deflated =
      data.length < DEFLATE_HERE_BELOW
        ? zlib.deflateRawSync(data, smallInput(data.length))
        : await deflateRaw(data);
    const entry = this.open(name, modifiedAt);
    entry.crc = zlib.crc32(data);
    entry.size = data.length;
    entry.ondata!(null, plain(deflated), true);
    this.check();
    await this.file.drain();
  }

  /** Adds an entry read from a stream (the manifest, read back from its file). */
  async addStream(name: string, source: Readable, modifiedAt: number): Promise<void> {
    const entry = this.open(name, modifiedAt);
    let crc = 0;
    let size = 0;
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          crc = zlib.crc32(chunk, crc);
          size += chunk.length;
          yield chunk;
        }
      },
      zlib.createDeflateRaw(),
      async (deflated: AsyncIterable<Buffer>) => {
        for await (const chunk of deflated) {
          entry.ondata!(null, plain(chunk), false);
          this.check();
          await this.file.drain();
        }
      },
    );
    entry.crc = crc;
    entry.size = size;
    entry.ondata!(null, new Uint8Array(0), true);
    this.check();
  }

  /** Writes the central directory; the archive is complete after this. */
  end(): void {
    this.zip.end();
    this.check();
  }

  private open(name: string, modifiedAt: number): DeflatedEntry {
    const entry = new DeflatedEntry(name);
    const year = new Date(modifiedAt).getFullYear();
    if (year >= FIRST_YEAR && year <= LAST_YEAR) entry.mtime = modifiedAt;
    this.zip.add(entry);
    return entry;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

/**
 * A window and hash table sized to the input: zlib's defaults allocate about 256 KiB per call,
 * which for 60,000 one-kilobyte receipts halved the speed and left the heap fragmented.
 */
function smallInput(length: number): zlib.ZlibOptions {
  return { windowBits: Math.min(15, Math.max(9, Math.ceil(Math.log2(length + 1)))), memLevel: 6 };
}

/** zlib's output is a Buffer over a plain ArrayBuffer (never shared), as fflate's types want. */
function plain(chunk: Buffer): Uint8Array<ArrayBuffer> {
  return chunk as Uint8Array<ArrayBuffer>;
}
