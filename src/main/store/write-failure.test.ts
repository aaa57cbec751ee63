/** What a failed write tells the manager: the real error, and a restart only when it may help. */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { errorText, writeFailure } from './write-failure';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('write failures', () => {
  it('always carries the real error, whatever was thrown', () => {
    expect(errorText(sqliteError('SQLITE_FULL', 'database or disk is full'))).toBe(
      'SQLITE_FULL: database or disk is full',
    );
    expect(errorText({ code: 'SQLITE_IOERR' })).toContain('SQLITE_IOERR');
    expect(errorText(undefined)).toBe('an error without any detail (undefined)');
    expect(errorText({})).not.toBe('');
    for (const thrown of [{ name: 'SqliteError' }, null, 42, 'checkpoint failed']) {
      expect(errorText(thrown)).not.toMatch(/^undefined$|\[object Object\]/);
    }
  });

  it('a full disk needs room, not a restart; an unknown failure may need one', () => {
    const full = writeFailure(sqliteError('SQLITE_FULL', 'database or disk is full'), os.tmpdir());
    expect(full).toMatchObject({ code: 'DISK_FULL', full: true });
    expect(full.message).toContain('SQLITE_FULL: database or disk is full');
    expect(full.message).toContain('Free some space');
    expect(full.message).not.toMatch(/restart/i);

    // An I/O error on a volume with room is not a full disk.
    const io = writeFailure(sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error'), os.tmpdir());
    expect(io).toMatchObject({ code: 'DB_WRITE_FAILED', full: false });
    expect(io.message).toContain('SQLITE_IOERR_WRITE: disk I/O error');
    expect(io.message).toMatch(/restart/i);
  });
});
