import type http from 'node:http';
import { DeskFailure } from '../../shared';

/** Settings and other small requests; anything larger is refused before it is read. */
const MAX_BODY_BYTES = 256 * 1024;

/** Reads a JSON request body, bounded; bad JSON is a BAD_REQUEST naming what is wrong. */
export async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) {
    throw new DeskFailure('BAD_REQUEST', 'Send the request body as application/json.');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (err) {
    throw new DeskFailure(
      'BAD_REQUEST',
      `The request body is not valid JSON (${(err as Error).message}).`,
    );
  }
}

/** A body when the request has one (a call without arguments sends none). */
export async function readOptionalJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const empty =
    req.headers['content-length'] === '0' ||
    (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined);
  return empty ? undefined : readJsonBody(req);
}

function tooLarge(): DeskFailure {
  return new DeskFailure(
    'TOO_LARGE',
    `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
  );
}
