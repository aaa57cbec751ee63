import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared';
import { STAR_ASB_OK, createStatusReplier } from './status-replies';
import { measure, measureStar } from '../escpos';

const replier = createStatusReplier({
  ...defaultSettings().identity,
  model: 'TM-T20III',
  modelId: 0x21,
});
const reply = (...bytes: number[]) => {
  const buf = Buffer.from(bytes);
  return [...replier.reply(buf, 0, measure(buf, 0, buf.length).length)];
};
const text = (s: string) => [0x5f, ...Buffer.from(s, 'latin1'), 0x00];

describe('status replies of a healthy printer', () => {
  it.each([
    ['DLE EOT 1 printer: online, drawer pin low', [0x10, 0x04, 1], [0x12]],
    ['DLE EOT 2 offline cause: cover closed, no feed, no paper stop', [0x10, 0x04, 2], [0x12]],
    ['DLE EOT 3 error cause: none', [0x10, 0x04, 3], [0x12]],
    ['DLE EOT 4 paper sensor: paper present', [0x10, 0x04, 4], [0x12]],
    ['DLE ENQ 1 recover: no reply by spec', [0x10, 0x05, 1], []],
    ['DLE DC4 7 1 basic ASB', [0x10, 0x14, 7, 1], [0x10, 0, 0, 0]],
    ['GS a 0 disables ASB: no reply', [0x1d, 0x61, 0], []],
    ['GS a 255 enables ASB: current status at once', [0x1d, 0x61, 0xff], [0x10, 0, 0, 0]],
    ['GS r 1 paper sensor', [0x1d, 0x72, 1], [0x00]],
    ['GS r 50 drawer', [0x1d, 0x72, 50], [0x00]],
    ['GS I 1 model ID', [0x1d, 0x49, 1], [0x21]],
    ['GS I 2 type ID: autocutter', [0x1d, 0x49, 2], [0x02]],
    ['GS I 66 maker', [0x1d, 0x49, 66], text('EPSON')],
    ['GS I 67 model name', [0x1d, 0x49, 67], text('TM-T20III')],
    ['GS I 99 unknown: empty info, never silence', [0x1d, 0x49, 99], text('')],
    [
      'GS ( H process ID echoed',
      [0x1d, 0x28, 0x48, 6, 0, 48, 48, 0x31, 0x32, 0x33, 0x34],
      [0x37, 0x22, 0x31, 0x32, 0x33, 0x34, 0x00],
    ],
    ['ESC v paper sensor (old)', [0x1b, 0x76], [0x00]],
  ])('%s', (_, request, expected) => {
    expect(reply(...request)).toEqual(expected);
  });

  it('never reports offline, cover open or paper out in automatic status back', () => {
    const [b0, , b2] = reply(0x1d, 0x61, 0xff);
    expect(b0 & 0x93).toBe(0x10);
    expect(b0 & 0x08).toBe(0); // online
    expect(b0 & 0x20).toBe(0); // cover closed
    expect(b2 & 0x0c).toBe(0); // roll paper present
  });
});

describe('status replies of a healthy Star printer (Star Line mode, StarPRNT)', () => {
  /** A replier of its own per test: ETB and print end counters are the printer's state. */
  const starPrinter = () => {
    const r = createStatusReplier(defaultSettings().identity);
    return (...bytes: number[]) => {
      const buf = Buffer.from(bytes);
      const m = measureStar(buf, 0, buf.length);
      expect(m.length).toBe(buf.length); // the framer hands over exactly this command
      return [...r.reply(buf, 0, m.length)];
    };
  };
  const ESC_ACK_SOH = [0x1b, 0x06, 0x01];
  /** Header 1's byte count: bits 1-3 and bit 5 as bit 3. */
  const asbLength = (h1: number) => ((h1 >> 1) & 7) | ((h1 >> 2) & 8);
  const etbCounter = (s6: number) => ((s6 >> 1) & 7) | ((s6 >> 2) & 0x18);

  it('answers ESC ACK SOH with a 9-byte automatic status: online, cover closed, paper, no error', () => {
    const asb = starPrinter()(...ESC_ACK_SOH);
    expect(asb).toEqual([0x23, 0x06, 0, 0, 0, 0, 0, 0, 0]);
    expect(asb).toEqual([...STAR_ASB_OK]);
    const [h1, h2, s1, s2, s3, s4] = asb;
    expect(asbLength(h1)).toBe(asb.length); // the host reads as many bytes as header 1 says
    expect(h1 & 0x91).toBe(0x01); // header 1: bit 0 set, bits 4 and 7 clear
    expect(h2 & 0x80).toBe(0); // no LAN length follows
    expect(s1 & 0x08).toBe(0); // online
    expect(s1 & 0x20).toBe(0); // cover closed
    expect(s2).toBe(0); // no mechanical, cutter, unrecoverable or head temperature error
    expect(s3).toBe(0); // no buffer overflow, no black mark error
    expect(s4 & 0x0e).toBe(0); // paper present, not near its end
    for (const b of asb.slice(1)) expect(b & 0x91).toBe(0); // never XON/XOFF, never a header
  });

  it.each([
    ['ENQ: buffer empty, paper, no error', [0x05], [0x20]],
    ['EOT: paper, not near end, no mark error', [0x04], [0x10]],
    ['ESC ACK CAN resets: no reply', [0x1b, 0x06, 0x18], []],
    ['ESC SYN 3 n presenter counter: no presenter, no reply', [0x1b, 0x16, 0x33, 0], []],
    ['ESC RS E n clears the ETB counter: no reply', [0x1b, 0x1e, 0x45, 0], []],
  ])('%s', (_, request, expected) => {
    expect(starPrinter()(...request)).toEqual(expected);
  });

  it('tells ENQ and EOT replies apart as Star specifies, with no error bit set', () => {
    const ask = starPrinter();
    const [enq] = ask(0x05);
    const [eot] = ask(0x04);
    expect(enq & 0x10).toBe(0); // ENQ: bit 4 fixed 0
    expect(enq & 0x0f).toBe(0); // paper end, other errors (cover open), framing, parity
    expect(eot & 0x11).toBe(0x10); // EOT: bit 4 fixed 1, bit 0 fixed 0
    expect(eot & 0x6e).toBe(0); // paper end, near ends, mark error, presenter jam
  });

  it('counts each ETB in the ASB it sends, from 1 after ESC RS E, wrapping after 31', () => {
    const ask = starPrinter();
    const first = ask(0x17);
    expect(asbLength(first[0])).toBe(9);
    expect(first[2] & 0x02).toBe(0x02); // ETB executed
    expect(first[2] & 0x28).toBe(0); // still online, cover closed
    expect(etbCounter(first[7])).toBe(1);
    expect(etbCounter(ask(0x17)[7])).toBe(2);
    // A poll after ETB still finds it, then "ETB executed" is cleared; the count stays.
    expect(ask(...ESC_ACK_SOH).slice(2)).toEqual([0x02, 0, 0, 0, 0, 2 << 1, 0]);
    expect(ask(...ESC_ACK_SOH).slice(2)).toEqual([0, 0, 0, 0, 0, 2 << 1, 0]);
    expect(ask(0x1b, 0x1e, 0x45, 0x30)).toEqual([]);
    expect(etbCounter(ask(...ESC_ACK_SOH)[7])).toBe(0);
    const counts = Array.from({ length: 33 }, () => etbCounter(ask(0x17)[7]));
    expect(counts.slice(0, 3)).toEqual([1, 2, 3]);
    expect(counts.slice(30)).toEqual([31, 0, 1]);
  });

  it('answers ESC GS ETX with the command echoed, the print end counter and NUL', () => {
    const ask = starPrinter();
    expect(ask(0x1b, 0x1d, 0x03, 0, 7, 9)).toEqual([0x1b, 0x1d, 0x03, 0, 7, 9, 0, 0]);
    expect(ask(0x1b, 0x1d, 0x03, 1, 7, 9)).toEqual([0x1b, 0x1d, 0x03, 1, 7, 9, 1, 0]);
    expect(ask(0x1b, 0x1d, 0x03, 1, 0, 0)).toEqual([0x1b, 0x1d, 0x03, 1, 0, 0, 2, 0]);
    expect(ask(0x1b, 0x1d, 0x03, 3, 0, 0)).toEqual([]); // start document: no reply
    expect(ask(0x1b, 0x1d, 0x03, 4, 0, 0)).toEqual([]); // end document: no reply
    expect(ask(0x1b, 0x1d, 0x03, 0, 0, 0)[6]).toBe(2);
    expect(ask(0x1b, 0x1d, 0x03, 2, 0, 0)).toEqual([]); // clear: no reply
    expect(ask(0x1b, 0x1d, 0x03, 0, 0, 0)[6]).toBe(0);
  });

  it('leaves Epson requests to the Epson replies', () => {
    expect(reply(0x10, 0x04, 1)).toEqual([0x12]);
    expect(reply(0x1d, 0x61, 0xff)).toEqual([0x10, 0, 0, 0]);
  });
});
