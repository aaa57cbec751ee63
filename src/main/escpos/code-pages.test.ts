/**
 * Every ESC t table we read, checked against a real third-party encoder: receipt-printer-encoder
 * (Epson code page mapping) prints each page's own test strings, and the interpreter must give
 * back the same characters.
 */
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { describe, expect, it } from 'vitest';
import { ESC_T_TABLES } from './code-pages';
import { interpret } from './interpret';

/**
 * Pages this encoder cannot check against Epson's ESC t table, which we follow: it sends Thai 13
 * as ESC t 26 (Epson: Thai 18; Thai 13 is ESC t 22), and has no ESC t for Thai 14, 16 and 18.
 */
const MAPPING_DIFFERS = new Set<Codepage>(['thai13', 'thai18', 'thai14', 'thai16']);

/** Pages the encoder package ships no test string for. */
const EXTRA: Partial<Record<Codepage, { language: string; string: string }[]>> = {
  'epson/katakana': [{ language: 'ja', string: 'ｶﾞｲｺｸｼﾞﾝ ﾃﾞｽ ｺｰﾋｰ 2ﾊｲ ￥500' }],
};

const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** The text as the page can carry it: characters it lacks are printed as '?' by the encoder. */
const representable = (s: string, page: Codepage) =>
  [...s]
    .map((ch) => (ch !== '?' && CodepageEncoder.encode(ch, page)[0] === 0x3f ? '?' : ch))
    .join('');

const cases = Object.entries(ESC_T_TABLES)
  .filter(([, page]) => !MAPPING_DIFFERS.has(page))
  .flatMap(([n, page]) =>
    [
      ...CodepageEncoder.getTestStrings(page).filter((t) => typeof t.string === 'string'),
      ...(EXTRA[page] ?? []),
    ].map((t) => ({ n: Number(n), page, ...t })),
  );

describe('code pages, through receipt-printer-encoder', () => {
  it('has test strings for most tables', () => {
    expect(new Set(cases.map((c) => c.page)).size).toBeGreaterThan(25);
  });

  it.each(cases)('ESC t $n ($page): $language', ({ page, string }) => {
    const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', codepageMapping: 'epson' });
    const bytes = encoder.initialize().codepage(page).line(string).cut().encode();
    const out = interpret(bytes);
    expect(out.document.warnings.filter((w) => w.code === 'undecodable')).toEqual([]);
    expect(squash(out.text)).toBe(squash(representable(string, page)));
  });
});
