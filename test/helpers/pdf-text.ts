import { execFileSync } from 'node:child_process';

/**
 * What a person reads on a PDF's pages, by poppler's pdftotext; null, after saying so, where
 * pdftotext is not installed, so a test can skip its text checks without failing.
 */
export function pdfText(file: string): string | null {
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch {
    console.log('PDF text not checked: pdftotext (poppler-utils) is not installed here.');
    return null;
  }
}
