/**
 * A file being written under a `.part` name: bytes are gathered in memory up to a bound and
 * written in large pieces. Only finish() gives it its real name, so a half-written export never
 * looks finished; discard() removes it.
 */
import fs from 'node:fs/promises';
import { publishFile } from './publish-file';

/** Bytes gathered before they go to the disk. */
const FLUSH_AT = 1 << 20;

export class ExportFile {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private written = 0;
  private closed = false;

  private constructor(
    private readonly handle: fs.FileHandle,
    readonly partPath: string,
  ) {}

  static async create(partPath: string): Promise<ExportFile> {
    return new ExportFile(await fs.open(partPath, 'w'), partPath);
  }

  /** Bytes given so far (written or waiting). */
  get size(): number {
    return this.written + this.pendingBytes;
  }

  /** Adds bytes without waiting (callers that produce synchronously: the ZIP stream). */
  push(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  /** Writes what was gathered once there is enough of it (or always, when `all`). */
  async drain(all = false): Promise<void> {
    if (this.pendingBytes === 0 || (!all && this.pendingBytes < FLUSH_AT)) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    // A FileHandle write may write less than asked; go on until every byte is out.
    for (let at = 0; at < chunk.length;) {
      const { bytesWritten } = await this.handle.write(chunk, at, chunk.length - at);
      at += bytesWritten;
    }
    this.written += chunk.length;
  }

  async write(chunk: Uint8Array | string): Promise<void> {
    this.push(chunk);
    await this.drain();
  }

  /**
   * Writes the rest, makes it durable, and gives it the first free name `base[-n].ext` beside
   * it (never over another file). Returns the name and the size.
   */
  async finish(base: string, ext: string): Promise<{ name: string; bytes: number }> {
    await this.drain(true);
    await this.handle.datasync();
    await this.close();
    return { name: await publishFile(this.partPath, base, ext), bytes: this.written };
  }

  /** Closes and removes the unfinished file (nothing of it is left behind). */
  async discard(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    await this.close().catch(() => {});
    await fs.rm(this.partPath, { force: true });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
