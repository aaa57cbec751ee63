import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared';
import { createStatusReplier } from './status-replies';
import { measure } from '../escpos';

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
