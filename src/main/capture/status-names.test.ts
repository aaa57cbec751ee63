/** The words the receipt view shows for a status exchange come from the bytes really sent. */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared';
import { type PrinterCondition, createStatusReplier } from './status-replies';
import { describeStatusReply } from './status-names';

/** Asks the real replier, then names the exchange as the receipt view will. */
function exchange(...request: number[]) {
  return exchangeWith('online', ...request);
}

function exchangeWith(condition: PrinterCondition, ...request: number[]) {
  const replier = createStatusReplier(defaultSettings().identity, () => condition);
  const q = Buffer.from(request);
  const reply = replier.reply(q, 0, q.length);
  return describeStatusReply({
    offset: 5,
    request: q.toString('hex'),
    reply: reply.toString('hex'),
  });
}

describe('describeStatusReply', () => {
  it.each([
    [[0x10, 0x04, 0x01], 'DLE EOT 1 — printer status', '12', 'online, no error'],
    [[0x10, 0x04, 0x04], 'DLE EOT 4 — paper sensor', '12', 'paper present'],
    [[0x1d, 0x72, 0x01], 'GS r 1 — paper sensor', '00', 'paper present'],
    [
      [0x1d, 0x61, 0xff],
      'GS a 255 — automatic status on',
      '10 00 00 00',
      'online, cover closed, paper present, no error',
    ],
    [[0x1d, 0x49, 0x43], 'GS I 67 — model name', '5f 54 4d 2d 54 38 38 56 00', '"TM-T88V"'],
    [[0x05], 'ENQ — Star status', '20', 'paper present, no error'],
    [
      [0x17],
      'ETB — Star end of job',
      '23 06 02 00 00 00 00 02 00',
      'online, cover closed, paper present, no error; job 1 printed',
    ],
  ])('%j is "%s", answered %s: %s', (request, name, replyHex, meaning) => {
    expect(exchange(...request)).toEqual({
      offset: 5,
      requestHex: Buffer.from(request)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 '),
      request: name,
      replyHex,
      meaning,
    });
  });

  it('reads trouble from the bits, should an answer ever report it', () => {
    const offline = describeStatusReply({ offset: 0, request: '100401', reply: '1a' });
    expect(offline.meaning).toBe('offline');
    const paperOut = describeStatusReply({ offset: 0, request: '1d61ff', reply: '10000c00' });
    expect(paperOut.meaning).toBe('paper out');
  });

  it.each([
    [[0x10, 0x04, 0x01], 'offline'],
    [[0x10, 0x04, 0x02], 'stopped: paper out'],
    [[0x10, 0x04, 0x04], 'paper out'],
    [[0x1d, 0x72, 0x01], 'paper out'],
    [[0x1b, 0x76], 'paper out'],
    [[0x1d, 0x61, 0xff], 'offline, paper out'],
    [[0x05], 'paper out'],
    [[0x04], 'paper out'],
    [[0x1b, 0x06, 0x01], 'offline, paper out'],
  ])('a printer out of paper (disk full) answers %j: %s', (request, meaning) => {
    expect(exchangeWith('paper-out', ...request).meaning).toBe(meaning);
  });
});
