/**
 * Text styles as the document keeps them: only keys away from their default, and the same object
 * while nothing changes, so runs can tell "same style" by identity and documents stay small.
 */
import type { TextStyle } from '../../shared';

/** `current` with `change` applied; `current` itself when the change changes nothing. */
export function normalStyle(current: TextStyle, change: Partial<TextStyle>): TextStyle {
  // Spelled out, not looped over keys: this runs for every style command of every receipt.
  const next: TextStyle = {};
  const underline = 'underline' in change ? change.underline : current.underline;
  const font = 'font' in change ? change.font : current.font;
  const width = 'width' in change ? change.width : current.width;
  const height = 'height' in change ? change.height : current.height;
  if ('bold' in change ? change.bold : current.bold) next.bold = true;
  if (underline) next.underline = underline;
  if ('inverse' in change ? change.inverse : current.inverse) next.inverse = true;
  if ('upsideDown' in change ? change.upsideDown : current.upsideDown) next.upsideDown = true;
  if ('rotated' in change ? change.rotated : current.rotated) next.rotated = true;
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
