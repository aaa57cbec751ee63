/** Cells as a spreadsheet reads them: quoted when they must be, never run as a formula. */
import { describe, expect, it } from 'vitest';
import { csvCell } from './csv';

describe('csvCell', () => {
  it.each([
    ['Soup', 'Soup'],
    ['Soup, bread', '"Soup, bread"'],
    ['12" pizza', '"12"" pizza"'],
    ['Line 1\nLine 2', '"Line 1\nLine 2"'],
    ['Line 1\r\nLine 2', '"Line 1\r\nLine 2"'],
    ['=1+1', "'=1+1"],
    ['+31 20 123', "'+31 20 123"],
    ['-2.00', "'-2.00"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', `"'\r=cmd"`],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['', ''],
    [null, ''],
    [42, '42'],
  ] as const)('%j -> %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
