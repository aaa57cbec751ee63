/**
 * A request body read whole, but never more than a limit: a Content-Length over it is refused
 * before a byte is read, and a body that runs past it (chunked, or lying about its length) is
 * cut off as soon as it does.
 */

export type CappedBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

export async function readCapped(request: Request, maxBytes: number): Promise<CappedBody> {
  const tooLarge = (n: string): CappedBody => ({
    ok: false,
    reason: `The batch is ${n} bytes; the endpoint takes at most ${maxBytes}. Lower the relay's batch size in Receipt Desk.`,
  });
  const declared = request.headers.get('Content-Length');
  if (declared !== null && /^\d+$/u.test(declared) && Number(declared) > maxBytes) {
    return tooLarge(declared);
  }
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      return tooLarge(`over ${maxBytes}`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}
