/**
 * A receipt's text as lists and the live feed carry it: the first TEXT_PREVIEW_BYTES bytes of
 * its UTF-8, cut at a character boundary. A till can print 16 MiB of text in one receipt; a list
 * of them, the feed's memory and each open window stay small, and the detail has the whole text.
 */
export const TEXT_PREVIEW_BYTES = 8 * 1024;

export interface TextPreview {
  text: string;
  /** The text was longer than the preview. */
  cut: boolean;
}

/** UTF-8 bytes of the code point starting at `i`, and how many UTF-16 units it takes. */
function codePointSize(s: string, i: number): [bytes: number, units: number] {
  const c = s.charCodeAt(i);
  if (c < 0x80) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return [4, 2];
  }
  return [3, 1];
}

/** The first `maxBytes` of `text` in UTF-8 (whole characters), as a string of its own. */
export function textPreview(text: string, maxBytes = TEXT_PREVIEW_BYTES): TextPreview {
  // Fewer than maxBytes / 3 UTF-16 units can never reach maxBytes of UTF-8.
  if (text.length * 3 <= maxBytes) return { text, cut: false };
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const [n, units] = codePointSize(text, i);
    if (bytes + n > maxBytes) {
      // A copy, not text.slice(): V8 keeps a slice as a view that holds the whole text alive.
      return { text: copyOf(text, i), cut: true };
    }
    bytes += n;
    i += units;
  }
  return { text, cut: false };
}

/** The first `units` UTF-16 units of `s` in a new flat string (no reference to `s`). */
function copyOf(s: string, units: number): string {
  let out = '';
  for (let at = 0; at < units; at += 1024) {
    out += String.fromCharCode(
      ...Array.from({ length: Math.min(1024, units - at) }, (_, k) => s.charCodeAt(at + k)),
    );
  }
  return out;
}
