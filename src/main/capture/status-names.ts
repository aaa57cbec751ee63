/**
 * Names a recorded status exchange in a manager's words: what the till asked ("DLE EOT 1 —
 * printer status") and what the answer told it ("online"). The answer is read from its bits, so
 * the words say what was really sent. Bit meanings are from Epson's ESC/POS reference and Star's
 * Line mode / StarPRNT specifications, as in status-replies.ts.
 */
import type { StatusReplySent } from '../../shared';
import type { StatusReplyRecord } from './status-log';

const DLE = 0x10;
const ESC = 0x1b;
const GS = 0x1d;

/** A status bit that means trouble: [reply byte, mask, what it means when set]. */
type Check = [number | undefined, number, string];

/** The troubles whose bits are set, or `fine` when none is. */
function verdict(checks: Check[], fine: string): string {
  let found = checks.filter(([b, mask]) => ((b ?? 0) & mask) !== 0).map(([, , text]) => text);
  // With the roll empty its near-end sensor sees no paper either: "paper out" says it all.
  if (found.includes('paper out')) found = found.filter((t) => t !== 'paper low');
  return found.length > 0 ? found.join(', ') : fine;
}

/** Epson's 4-byte automatic status (ASB), as GS a and DLE DC4 7 send it. */
function epsonAsb(r: Buffer): string {
  return verdict(
    [
      [r[0], 0x08, 'offline'],
      [r[0], 0x20, 'cover open'],
      [r[1], 0x08, 'cutter error'],
      [r[1], 0x20, 'unrecoverable error'],
      [r[1], 0x40, 'error, recovers by itself'],
      [r[2], 0x0c, 'paper out'],
      [r[2], 0x03, 'paper low'],
    ],
    'online, cover closed, paper present, no error',
  );
}

/** Star's automatic status (ASB): status bytes 1, 2 and 4, and the end-of-job counter. */
function starAsb(r: Buffer): string {
  const status = verdict(
    [
      [r[2], 0x08, 'offline'],
      [r[2], 0x20, 'cover open'],
      [r[3], 0x04, 'mechanical error'],
      [r[3], 0x08, 'cutter error'],
      [r[3], 0x20, 'unrecoverable error'],
      [r[5], 0x08, 'paper out'],
      [r[5], 0x06, 'paper low'],
    ],
    'online, cover closed, paper present, no error',
  );
  if (((r[2] ?? 0) & 0x02) === 0) return status;
  const s6 = r[7] ?? 0;
  const counter = ((s6 >> 1) & 0x07) | ((s6 >> 2) & 0x18);
  return `${status}; job ${counter} printed`;
}

/** "_TM-T88V\0" -> TM-T88V: identification text between "_" and NUL. */
function infoText(r: Buffer): string {
  const body = r[0] === 0x5f ? r.subarray(1) : r;
  const nul = body.indexOf(0);
  return (nul >= 0 ? body.subarray(0, nul) : body).toString('latin1');
}

const GS_I = new Map<number, string>([
  [1, 'printer model ID'],
  [2, 'printer type ID'],
  [3, 'firmware version ID'],
  [65, 'firmware version'],
  [66, 'maker name'],
  [67, 'model name'],
  [68, 'serial number'],
  [69, 'code page'],
]);

function dleEot(n: number, r: Buffer): [string, string] {
  const b = r[0];
  switch (n) {
    case 1:
      return [
        'DLE EOT 1 — printer status',
        verdict(
          [
            [b, 0x08, 'offline'],
            [b, 0x40, 'feed button held'],
          ],
          'online, no error',
        ),
      ];
    case 2:
      return [
        'DLE EOT 2 — offline cause',
        verdict(
          [
            [b, 0x04, 'cover open'],
            [b, 0x20, 'stopped: paper out'],
            [b, 0x40, 'error'],
          ],
          'cover closed, no error',
        ),
      ];
    case 3:
      return [
        'DLE EOT 3 — error cause',
        verdict(
          [
            [b, 0x08, 'cutter error'],
            [b, 0x20, 'unrecoverable error'],
          ],
          'no error',
        ),
      ];
    case 4:
      return [
        'DLE EOT 4 — paper sensor',
        verdict(
          [
            [b, 0x60, 'paper out'],
            [b, 0x0c, 'paper low'],
          ],
          'paper present',
        ),
      ];
    default:
      return [`DLE EOT ${n} — status`, verdict([], 'no error')];
  }
}

function gsR(n: number, r: Buffer): [string, string] {
  const which = n >= 48 ? n - 48 : n;
  if (which === 2) return [`GS r ${n} — cash drawer connector`, 'drawer signal low'];
  if (which === 4) return [`GS r ${n} — ink status`, 'ink fine'];
  return [
    `GS r ${n} — paper sensor`,
    verdict(
      [
        [r[0], 0x0c, 'paper out'],
        [r[0], 0x03, 'paper low'],
      ],
      'paper present',
    ),
  ];
}

function gsI(n: number, r: Buffer): [string, string] {
  const name = `GS I ${n} — ${GS_I.get(n >= 49 && n <= 51 ? n - 48 : n) ?? 'printer information'}`;
  if (n >= 65) return [name, `"${infoText(r)}"`];
  const value = r[0] ?? 0;
  if (n === 2 || n === 50) return [name, value & 0x02 ? 'cutter fitted' : 'no cutter'];
  return [name, `${value} (0x${value.toString(16).padStart(2, '0')})`];
}

function describe(q: Buffer, r: Buffer): [string, string] {
  const [a, b, c] = q;
  if (a === DLE && b === 0x04) return dleEot(c, r);
  if (a === DLE && b === 0x14) return ['DLE DC4 7 — send automatic status now', epsonAsb(r)];
  if (a === GS && b === 0x61) return [`GS a ${c} — automatic status on`, epsonAsb(r)];
  if (a === GS && b === 0x72) return gsR(c, r);
  if (a === GS && b === 0x49) return gsI(c, r);
  if (a === GS && b === 0x28) {
    const job = q.subarray(7, 11).toString('latin1');
    return ['GS ( H — tell when the job so far is printed', `printed (job "${job}")`];
  }
  if (a === ESC && b === 0x75) return ['ESC u — cash drawer connector', 'drawer signal low'];
  if (a === ESC && b === 0x76) return ['ESC v — paper sensor', gsR(1, r)[1]];
  // Star: single control bytes and ESC sequences that no Epson request uses.
  if (q.length === 1 && a === 0x05) {
    return [
      'ENQ — Star status',
      verdict(
        [
          [r[0], 0x08, 'paper out'],
          [r[0], 0x04, 'error'],
        ],
        'paper present, no error',
      ),
    ];
  }
  if (q.length === 1 && a === 0x04) {
    return [
      'EOT — Star paper status',
      verdict(
        [
          [r[0], 0x08, 'paper out'],
          [r[0], 0x24, 'paper low'],
        ],
        'paper present',
      ),
    ];
  }
  if (q.length === 1 && a === 0x17) return ['ETB — Star end of job', starAsb(r)];
  if (a === ESC && b === 0x06) return ['ESC ACK SOH — Star automatic status', starAsb(r)];
  if (a === ESC && b === 0x1d && c === 0x03) {
    return ['ESC GS ETX — Star print end counter', `counter ${r[6] ?? 0}`];
  }
  return ['status request', 'answered'];
}

/** Space-separated hex, as the hex dump shows bytes. */
function spaced(hex: string): string {
  return hex.replace(/(..)(?!$)/g, '$1 ');
}

export function describeStatusReply(record: StatusReplyRecord): StatusReplySent {
  const [request, meaning] = describe(
    Buffer.from(record.request, 'hex'),
    Buffer.from(record.reply, 'hex'),
  );
  return {
    offset: record.offset,
    requestHex: spaced(record.request),
    request,
    replyHex: spaced(record.reply),
    meaning,
  };
}
