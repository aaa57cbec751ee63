/**
 * Names of export files and of the entries in a ZIP. Everything that comes from settings or the
 * network is reduced to letters, digits, dot, dash and underscore, so a name is safe on every
 * file system and can never point outside its folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportRequest, ReceiptSummary } from '../../shared';
import { localClock, localDate } from './local-time';

export function safeName(text: string, max = 40): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/gu, '_')
    .replace(/^[._]+|[._]+$/gu, '');
  return cleaned.slice(0, max) || 'station';
}

/** `receipts-2026-11-22`, `receipts-2026-11-20-to-2026-11-22-Bar` */
export function exportBaseName(request: ExportRequest): string {
  const first = localDate(request.from);
  // `to` is exclusive: the range's last day is the one its last millisecond falls in.
  const last = localDate(request.to - 1);
  const days = first === last ? first : `${first}-to-${last}`;
  const station = request.station ? `-${safeName(request.station)}` : '';
  return `receipts-${days}${station}`;
}

/** The first of `name.ext`, `name-2.ext`, `name-3.ext`... not yet in `dir`. */
export function freeFileName(dir: string, base: string, ext: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.${ext}` : `${base}-${n}.${ext}`;
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

/** `2026-11-22/130507-Front-000123.bin`: sorts by day and time, says the station and number. */
export function zipEntryName(r: ReceiptSummary): string {
  const id = String(r.id).padStart(6, '0');
  return `${localDate(r.receivedAt)}/${localClock(r.receivedAt)}-${safeName(r.station)}-${id}.bin`;
}
