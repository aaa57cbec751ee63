import fs from 'node:fs';

/** Bytes an ordinary process may still write on the volume holding `dir`; null if unknown. */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}
