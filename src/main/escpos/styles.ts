/**
 * Text styles as the document keeps them: only keys away from their default, and the same object
 * while nothing changes, so runs can tell "same style" by identity and documents stay small.
 */
import type { TextStyle } from '../../shared';

/** `current` with `change` applied; `current` itself when the change changes nothing. */
export function normalStyle(current: TextStyle, change: Partial<TextStyle>): TextStyle {
  const pick = <K extends keyof TextStyle>(key: K): TextStyle[K] =>
    key in change ? change[key] : current[key];
  const next: TextStyle = {};
  const underline = pick('underline');
  const font = pick('font');
  const width = pick('width');
  const height = pick('height');
  if (pick('bold')) next.bold = true;
  if (underline) next.underline = underline;
  if (pick('inverse')) next.inverse = true;
  if (pick('upsideDown')) next.upsideDown = true;
  if (pick('rotated')) next.rotated = true;
  if (font && font !== 'A') next.font = font;
  if (width && width !== 1) next.width = width;
  if (height && height !== 1) next.height = height;
  return sameStyle(next, current) ? current : next;
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return (
    a.rotated === b.rotated &&
    a.upsideDown === b.upsideDown &&
    a.bold === b.bold &&
    a.underline === b.underline &&
    a.inverse === b.inverse &&
    a.width === b.width &&
    a.height === b.height &&
    a.font === b.font
  );
}
