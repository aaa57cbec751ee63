/** What went wrong with an export, in words the manager can act on. */
import { DeskFailure } from '../../shared';

export function exportFailure(err: unknown, dir: string): DeskFailure {
  if (err instanceof DeskFailure) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const removed = 'The unfinished file was removed.';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new DeskFailure(
        'DISK_FULL',
        `The disk is full, so the export stopped. ${removed} Free some space, then export again.`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new DeskFailure(
        'EXPORT_FOLDER',
        `Receipt Desk may not write to the exports folder ${dir}. Check its permissions, then export again.`,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new DeskFailure(
        'EXPORT_FOLDER',
        `The exports folder ${dir} cannot be made: a file is in the way. Move that file, then export again.`,
      );
    default:
      return new DeskFailure(
        'EXPORT_FAILED',
        `The export stopped: ${(err as Error).message ?? String(err)}. ${removed} Try again.`,
      );
  }
}
