/**
 * A finished export handed over as a browser download: the file's own address (the service sends
 * it as an attachment), checked first so a file that has gone from the exports folder is a
 * message, not a broken download.
 */
import type { DeskCalls, ExportHandoff } from '../../shared/api';
import { EXPORT_FILE_PATH } from '../../shared/contract';
import { fillPath } from '../../shared/contract-http';
import type { Result } from '../../shared/result';

export async function downloadExport(
  url: (target: string) => string,
  id: number,
  token: string | null,
  getExport: DeskCalls['getExport'],
): Promise<Result<ExportHandoff>> {
  const job = await getExport(id);
  if (!job.ok) return job;
  const fileName = job.value.fileName;
  // A link cannot send headers: the download takes the token in its address, as the stream.
  const file = new URL(url(fillPath(EXPORT_FILE_PATH, id)));
  if (token) file.searchParams.set('token', token);
  let found = false;
  try {
    found = fileName !== null && (await fetch(file, { method: 'HEAD' })).ok;
  } catch {
    found = false;
  }
  if (!fileName || !found) {
    return {
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'The export file is no longer in the exports folder. Export the receipts again.',
      },
    };
  }
  download(file.href, fileName);
  return { ok: true, value: { fileName } };
}

/** Clicks a link to the file; the browser saves it under the name the service gives. */
function download(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}
