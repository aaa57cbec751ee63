import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishFile } from './publish-file';

describe('a finished file gets its name', () => {
  it('beside the files already there, never over one of them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-'));
    fs.writeFileSync(path.join(dir, 'report.csv'), 'the manager’s first file');
    fs.writeFileSync(path.join(dir, 'report-2.csv'), 'the second');
    const part = path.join(dir, 'report.csv.part');
    fs.writeFileSync(part, 'the new one');
    expect(await publishFile(part, 'report', 'csv')).toBe('report-3.csv');
    expect(fs.readFileSync(path.join(dir, 'report.csv'), 'utf8')).toBe('the manager’s first file');
    expect(fs.readFileSync(path.join(dir, 'report-3.csv'), 'utf8')).toBe('the new one');
    expect(fs.readdirSync(dir).sort()).toEqual(['report-2.csv', 'report-3.csv', 'report.csv']);
  });
});
