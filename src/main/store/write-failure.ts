/**
 * Why a write failed, in words a manager can act on, always with the error SQLite (or the
 * thread) really gave. A full disk is told apart from other failures, because it needs no
 * restart: the desk waits for room and goes on by itself.
 */
import { inspect } from 'node:util';
import type { DeskErrorCode } from '../../shared';
import { freeBytes } from './free-space';

/**
 * Free space below which the volume counts as full: an I/O error with less than this left is
 * taken for a full disk, and a full disk counts as having room again only with at least this.
 * SQLite reuses its write-ahead log in place, so small commits can succeed on a disk with no
 * space left at all; a successful commit alone would flip "full" off and on again.
 */
export const ROOM_BYTES = 1024 * 1024;

export interface WriteFailure {
  code: DeskErrorCode;
  /** What to tell the manager, with the real error in it. */
  message: string;
  /** The real error ("SQLITE_FULL: database or disk is full"). */
  cause: string;
  full: boolean;
}

/** "SQLITE_FULL: database or disk is full"; never "undefined", whatever was thrown. */
export function errorText(err: unknown): string {
  if (err === undefined || err === null) return `an error without any detail (${String(err)})`;
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    message?: unknown;
  };
  const message =
    typeof e.message === 'string' && e.message !== ''
      ? e.message
      : typeof err === 'string'
        ? err
        : inspect(err, { depth: 2, breakLength: Infinity });
  const code = typeof e.code === 'string' ? e.code : null;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

export function diskFullMessage(cause: string): string {
  return `The disk holding the receipts file is full (${cause}). Free some space on it: until then the printer ports answer "out of paper" and receipts sent anyway are refused; printing resumes by itself.`;
}

export function writeFailure(err: unknown, dataDir: string): WriteFailure {
  const cause = errorText(err);
  const code = (err as { code?: unknown } | null)?.code;
  let full = code === 'SQLITE_FULL';
  if (!full && typeof code === 'string' && code.startsWith('SQLITE_IOERR')) {
    // SQLite turns ENOSPC into SQLITE_FULL on plain writes, but not on every path (growing
    // the shared-memory index, syncing): an I/O error with no room left is the full disk too.
    const free = freeBytes(dataDir);
    full = free !== null && free < ROOM_BYTES;
  }
  if (full) return { code: 'DISK_FULL', message: diskFullMessage(cause), cause, full };
  return {
    code: 'DB_WRITE_FAILED',
    message: `Could not write to the receipts file (${cause}). Check the disk; if this keeps happening, restart Receipt Desk.`,
    cause,
    full,
  };
}
