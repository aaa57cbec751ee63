import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared';
import { type PrinterCondition, STAR_ASB_OK, createStatusReplier } from './status-replies';
import { Kind, measure, measureStar } from '../escpos';

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

describe('status replies of a printer out of paper (the disk is full)', () => {
  /** A replier whose condition the test sets, as the service does when the disk fills. */
  const printer = () => {
    let condition: PrinterCondition = 'paper-out';
    const r = createStatusReplier(defaultSettings().identity, () => condition);
    const ask = (...bytes: number[]) => {
      const buf = Buffer.from(bytes);
      const epson = measure(buf, 0, buf.length);
      const length =
        epson.kind === Kind.Status ? epson.length : measureStar(buf, 0, buf.length).length;
      return [...r.reply(buf, 0, length)];
    };
    return { ask, asb: () => [...r.asb()], set: (c: PrinterCondition) => (condition = c) };
  };

  it('DLE EOT 1: offline (bit 3), with the fixed bits 1 and 4 set and 0 and 7 clear', () => {
    const [b] = printer().ask(0x10, 0x04, 1);
    expect(b).toBe(0x1a);
    expect(b & 0x93).toBe(0x12); // fixed bits
    expect(b & 0x08).toBe(0x08); // offline
    expect(b & 0x64).toBe(0); // not waiting for recovery, feed button not held, drawer pin low
  });

  it('DLE EOT 2: printing stopped by a paper end (bit 5), cover closed, no error', () => {
    const [b] = printer().ask(0x10, 0x04, 2);
    expect(b).toBe(0x32);
    expect(b & 0x93).toBe(0x12);
    expect(b & 0x20).toBe(0x20); // paper end stop
    expect(b & 0x4c).toBe(0); // cover closed, no button feed, no error
  });

  it('DLE EOT 3: a paper end is not an error', () => {
    expect(printer().ask(0x10, 0x04, 3)).toEqual([0x12]);
  });

  it('DLE EOT 4: paper end (bits 5-6) and near end (bits 2-3) both reported', () => {
    const [b] = printer().ask(0x10, 0x04, 4);
    expect(b).toBe(0x7e);
    expect(b & 0x93).toBe(0x12);
    expect(b & 0x60).toBe(0x60);
    expect(b & 0x0c).toBe(0x0c);
  });

  it('GS r 1 and ESC v: paper end (bits 2-3) and near end (bits 0-1), bit 4 fixed 0', () => {
    const p = printer();
    for (const request of [
      [0x1d, 0x72, 1],
      [0x1d, 0x72, 49],
      [0x1b, 0x76],
    ]) {
      expect(p.ask(...request), request.join(' ')).toEqual([0x0f]);
    }
    expect(p.ask(0x1d, 0x72, 2)).toEqual([0x00]); // the drawer connector does not change
  });

  it('automatic status back: offline, paper end and near end, no error, fixed bits right', () => {
    const p = printer();
    const asb = p.ask(0x1d, 0x61, 0xff);
    expect(asb).toEqual([0x18, 0x00, 0x0f, 0x00]);
    expect(p.ask(0x10, 0x14, 7, 1)).toEqual(asb);
    expect(p.asb()).toEqual(asb);
    const [b0, b1, b2, b3] = asb;
    expect(b0 & 0x93).toBe(0x10); // fixed bits of the first byte
    expect(b0 & 0x08).toBe(0x08); // offline
    expect(b0 & 0x20).toBe(0); // cover closed
    expect(b1).toBe(0); // no cutter, unrecoverable or auto-recoverable error
    expect(b2 & 0x0c).toBe(0x0c); // roll paper end
    expect(b2 & 0x03).toBe(0x03); // near end
    expect((b1 | b2 | b3) & 0x90).toBe(0); // bits 4 and 7 fixed 0
  });

  it('never confirms a job printed: GS ( H gets no process ID back', () => {
    expect(printer().ask(0x1d, 0x28, 0x48, 6, 0, 48, 48, 0x31, 0x32, 0x33, 0x34)).toEqual([]);
  });

  it('Star: ENQ and EOT say paper end, ASB says offline and paper end, ETB is not reported', () => {
    const p = printer();
    const [enq] = p.ask(0x05);
    expect(enq).toBe(0x28);
    expect(enq & 0x10).toBe(0); // ENQ: bit 4 fixed 0
    expect(enq & 0x08).toBe(0x08); // paper end
    expect(enq & 0x07).toBe(0); // no other error, framing or parity error
    const [eot] = p.ask(0x04);
    expect(eot).toBe(0x1c);
    expect(eot & 0x11).toBe(0x10); // EOT: bit 4 fixed 1, bit 0 fixed 0
    expect(eot & 0x0c).toBe(0x0c); // paper end, inner near end
    expect(eot & 0x42).toBe(0); // no presenter jam, no black mark error
    const asb = p.ask(0x1b, 0x06, 0x01);
    expect(asb).toEqual([0x23, 0x06, 0x08, 0, 0, 0x0c, 0, 0, 0]);
    for (const b of asb.slice(1)) expect(b & 0x91).toBe(0); // never XON/XOFF, never a header
    expect(p.ask(0x17)).toEqual([]); // the job before the ETB is not printed
    expect(p.ask(0x1b, 0x1d, 0x03, 1, 0, 0)).toEqual([]);
  });

  it('answers as a healthy printer again the moment the condition is back online', () => {
    const p = printer();
    expect(p.ask(0x10, 0x04, 4)).toEqual([0x7e]);
    p.set('online');
    expect(p.ask(0x10, 0x04, 1)).toEqual([0x12]);
    expect(p.ask(0x10, 0x04, 4)).toEqual([0x12]);
    expect(p.ask(0x1d, 0x72, 1)).toEqual([0x00]);
    expect(p.asb()).toEqual([0x10, 0, 0, 0]);
    expect(p.ask(0x1b, 0x06, 0x01)).toEqual([...STAR_ASB_OK]);
    expect(p.ask(0x04)).toEqual([0x10]);
  });
});

describe('status replies of a printer with its cover open, or offline (a downstream printer)', () => {
  const ask = (condition: PrinterCondition, ...bytes: number[]) => {
    const r = createStatusReplier(defaultSettings().identity, () => condition);
    const buf = Buffer.from(bytes);
    const epson = measure(buf, 0, buf.length);
    const length =
      epson.kind === Kind.Status ? epson.length : measureStar(buf, 0, buf.length).length;
    return [...r.reply(buf, 0, length)];
  };
  const PROCESS_ID = [0x1d, 0x28, 0x48, 6, 0, 48, 48, 0x31, 0x32, 0x33, 0x34];

  it.each([
    // [request, cover open, offline]
    ['DLE EOT 1: offline (bit 3)', [0x10, 0x04, 1], [0x1a], [0x1a]],
    ['DLE EOT 2: cover open (bit 2) / no cause given', [0x10, 0x04, 2], [0x16], [0x12]],
    ['DLE EOT 3: no error', [0x10, 0x04, 3], [0x12], [0x12]],
    ['DLE EOT 4: paper present', [0x10, 0x04, 4], [0x12], [0x12]],
    ['GS r 1: paper present', [0x1d, 0x72, 1], [0x00], [0x00]],
    [
      'GS a: offline, cover open (bit 5) / offline',
      [0x1d, 0x61, 0xff],
      [0x38, 0, 0, 0],
      [0x18, 0, 0, 0],
    ],
    ['GS ( H: never confirms a job done', PROCESS_ID, [], []],
    ['Star ENQ: an error other than paper end (bit 2)', [0x05], [0x24], [0x24]],
    ['Star EOT: paper present', [0x04], [0x10], [0x10]],
    ['Star ETB: the job is not reported done', [0x17], [], []],
    [
      'Star ASB: offline, cover open (status 1 bits 3, 5) / offline',
      [0x1b, 0x06, 0x01],
      [0x23, 0x06, 0x28, 0, 0, 0, 0, 0, 0],
      [0x23, 0x06, 0x08, 0, 0, 0, 0, 0, 0],
    ],
  ])('%s', (_, request, coverOpen, offline) => {
    expect(ask('cover-open', ...request)).toEqual(coverOpen);
    expect(ask('offline', ...request)).toEqual(offline);
    for (const b of ask('cover-open', ...request)) {
      if (request[0] === 0x10) expect(b & 0x93).toBe(0x12); // DLE EOT fixed bits
    }
  });

  it("reports per station through views that share one printer's Star counters", () => {
    let kitchen: PrinterCondition = 'online';
    const shared = createStatusReplier(defaultSettings().identity);
    const front = shared.withCondition(() => 'online');
    const back = shared.withCondition(() => kitchen);
    const etb = Buffer.from([0x17]);
    const counter = (asb: Buffer) => ((asb[7] >> 1) & 7) | ((asb[7] >> 2) & 0x18);
    expect(counter(front.reply(etb, 0, 1))).toBe(1);
    expect(counter(back.reply(etb, 0, 1))).toBe(2); // one printer, one counter
    kitchen = 'paper-out';
    expect([...back.reply(Buffer.from([0x10, 0x04, 1]), 0, 3)]).toEqual([0x1a]);
    expect([...front.reply(Buffer.from([0x10, 0x04, 1]), 0, 3)]).toEqual([0x12]);
    expect([...back.asb()]).toEqual([0x18, 0, 0x0f, 0]);
    expect([...front.asb()]).toEqual([0x10, 0, 0, 0]);
  });
});
