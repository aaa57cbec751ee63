/**
 * The export calls of the HTTP adapter. A finished export is handed over as a browser download:
 * the file's own address (the service sends it as an attachment), checked first so a file that
 * has gone from the exports folder is a message, not a broken download.
 */
import type { DeskApi, ExportJob, ExportRange } from '../../shared/api';
import { type FetchInit, fetchResult as fetchJson } from './fetch-result';

type ExportCalls = Pick<
  DeskApi,
  'previewExport' | 'startExport' | 'getExport' | 'openExport' | 'exportDelivery'
>;

export function exportCalls(url: (path: string) => string, token: string | null): ExportCalls {
  const fetchResult = <T>(href: string, init: FetchInit = {}) =>
    fetchJson<T>(href, { ...init, token });
  return {
    previewExport: (range) => fetchResult(url(`/api/exports/preview${search(range)}`)),
    startExport: (request) =>
      fetchResult(url(`/api/exports${search(request)}`), { method: 'POST' }),
    getExport: (id) => fetchResult(url(`/api/exports/${id}`)),
    openExport: async (id) => {
      const job = await fetchResult<ExportJob>(url(`/api/exports/${id}`));
      if (!job.ok) return job;
      const fileName = job.value.fileName;
      // A link cannot send headers: the download takes the token in its address, as the stream.
      const file = new URL(url(`/api/exports/${id}/file`));
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
            message:
              'The export file is no longer in the exports folder. Export the receipts again.',
          },
        };
      }
      download(file.href, fileName);
      return { ok: true, value: { fileName } };
    },
    exportDelivery: 'download',
  };
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

function search(range: ExportRange & { format?: string }): string {
  const params = new URLSearchParams({ from: String(range.from), to: String(range.to) });
  if (range.station) params.set('station', range.station);
  if (range.format) params.set('format', range.format);
  return `?${params.toString()}`;
}
