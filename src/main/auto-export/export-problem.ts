/** What went wrong writing a day's reports, in words the manager can act on. */
import type { DeskError } from '../../shared';

export function autoExportProblem(err: unknown, folder: string, day: string | null): DeskError {
  const code = (err as NodeJS.ErrnoException).code;
  const which = day ? `The report of ${day} was not written` : 'No report can be written';
  const retry = 'Receipt Desk tries again every minute.';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        code: 'DISK_FULL',
        message: `${which}: the disk holding ${folder} is full. Free some space there, or choose another folder in Settings › Automatic export. ${retry}`,
      };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return {
        code: 'EXPORT_FOLDER',
        message: `${which}: Receipt Desk may not write to ${folder}. Give it permission to write there, or choose another folder in Settings › Automatic export. ${retry}`,
      };
    case 'ENOTDIR':
    case 'EEXIST':
      return {
        code: 'EXPORT_FOLDER',
        message: `${which}: ${folder} cannot be a folder, a file is in its way. Move that file, or choose another folder in Settings › Automatic export. ${retry}`,
      };
    case 'ENOENT':
      return {
        code: 'EXPORT_FOLDER',
        message: `${which}: ${folder} cannot be made (is its drive or share connected?). Connect it, or choose another folder in Settings › Automatic export. ${retry}`,
      };
    default:
      return {
        code: 'EXPORT_FAILED',
        message: `${which}: ${(err as Error).message ?? String(err)}. ${retry}`,
      };
  }
}

/** A folder written for another kind of PC (C:\Reports on Linux, /home/… on Windows). */
export function notFullPath(folder: string): DeskError {
  return {
    code: 'EXPORT_FOLDER',
    message: `No report can be written: ${folder} is not a full path on this PC. Choose a folder from this PC's drive or root in Settings › Automatic export.`,
  };
}
