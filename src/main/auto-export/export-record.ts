/**
 * What the automatic export has done, kept in `auto-export.json` in the data folder: since when
 * it owes days, the files each recent day got, the last day written and the last problem.
 *
 * A file rather than a table: it is a few hundred bytes written once a day, and a table would
 * need a migration and a new message to the writer thread (the only connection that writes)
 * for no gain. Written to a temporary file and renamed, so a crash leaves the old or the new.
 */
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPORT_FORMATS } from '../../shared';

export const RECORD_FILE = 'auto-export.json';

const format = z.enum(REPORT_FORMATS);
const daySchema = z.object({
  /** The day's files written so far, by format (a day cut short is finished, not redone). */
  files: z.partialRecord(format, z.string()),
  done: z.boolean(),
});
const writtenSchema = z.object({
  businessDay: z.string(),
  at: z.number(),
  formats: z.array(format),
  files: z.array(z.string()),
  receipts: z.number(),
});
const problemSchema = z.object({
  code: z.string(),
  message: z.string(),
  at: z.number(),
  businessDay: z.string().nullable(),
});
const recordSchema = z.object({
  version: z.literal(1),
  /** The first business day owed; null while off (turning it on starts afresh). */
  since: z.string().nullable(),
  days: z.record(z.string(), daySchema),
  last: writtenSchema.nullable(),
  problem: problemSchema.nullable(),
});
export type ExportRecord = z.infer<typeof recordSchema>;
export type DayRecord = z.infer<typeof daySchema>;

export function emptyRecord(): ExportRecord {
  return { version: 1, since: null, days: {}, last: null, problem: null };
}

/** The record in `dataDir`, or an empty one (with the reason logged when it was unreadable). */
export function loadRecord(dataDir: string, log: (m: string) => void): ExportRecord {
  const file = path.join(dataDir, RECORD_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return emptyRecord();
  }
  try {
    return recordSchema.parse(JSON.parse(text));
  } catch (err) {
    log(
      `Automatic export: ${file} could not be read (${(err as Error).message.slice(0, 200)}); it starts again from the last finished business day.`,
    );
    return emptyRecord();
  }
}

export async function saveRecord(dataDir: string, record: ExportRecord): Promise<void> {
  const file = path.join(dataDir, RECORD_FILE);
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file);
}
