/**
 * Fonts for the names in scripts the body font lacks: Japanese and Chinese (kana, kanji, hanzi)
 * and Korean (hangul). pdfkit sets each string in one font and has no fallback, so a string
 * holding such characters is set in a font of the PC that has them (the Latin beside them too).
 * Collections (.ttc) are opened by the PostScript name of the face wanted.
 */
import fs from 'node:fs';

export type WideScript = 'cjk' | 'hangul';

interface Candidate {
  file: string;
  /** The face's PostScript name in a collection; none for a single font file. */
  face?: string;
}

/** Where Windows, macOS and Linux keep fonts for each script, the most complete first. */
const CANDIDATES: Record<WideScript, Candidate[]> = {
  cjk: [
    { file: 'C:\\Windows\\Fonts\\YuGothM.ttc', face: 'YuGothic-Medium' },
    { file: 'C:\\Windows\\Fonts\\meiryo.ttc', face: 'Meiryo' },
    { file: 'C:\\Windows\\Fonts\\msgothic.ttc', face: 'MS-Gothic' },
    { file: 'C:\\Windows\\Fonts\\msyh.ttc', face: 'MicrosoftYaHei' },
    { file: '/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc', face: 'HiraginoSans-W3' },
    { file: '/System/Library/Fonts/Hiragino Sans GB.ttc', face: 'HiraginoSansGB-W3' },
    {
      file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      face: 'NotoSansCJKjp-Regular',
    },
    { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  ],
  hangul: [
    { file: 'C:\\Windows\\Fonts\\malgun.ttf' },
    { file: '/System/Library/Fonts/AppleSDGothicNeo.ttc', face: 'AppleSDGothicNeo-Regular' },
    {
      file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      face: 'NotoSansCJKkr-Regular',
    },
    { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  ],
};
// Not Droid Sans Fallback: it has no Latin letters, and a name's "×3" or "Sake (M)" would vanish.

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u;
const CJK = /[\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/** The wide script a string needs a font for, if any (hangul first: Korean mixes in hanja). */
export function wideScriptOf(text: string): WideScript | null {
  if (HANGUL.test(text)) return 'hangul';
  if (CJK.test(text)) return 'cjk';
  return null;
}

/**
 * Sets every string that needs a wide script's font in one of the PC's, as "wide-cjk" or
 * "wide-hangul": `doc.text` and `doc.widthOfString` look at their string, and the font asked
 * for last comes back after. A script's font is looked for (and its file read, several MiB)
 * only when a string first needs it: most reports print none. Bold names stay regular: few PCs
 * have a bold face of these fonts. Returns the scripts met with no font here.
 */
export function useWideScriptFonts(doc: PDFKit.PDFDocument): { missing: Set<WideScript> } {
  /** Per script met so far: whether the PC has a font for it (registered under its name). */
  const found = new Map<WideScript, boolean>();
  const missing = new Set<WideScript>();
  /** The font asked for last (a registered name): back in use after a wide string. */
  let current = 'body';
  const font = doc.font.bind(doc);
  font(current);
  const haveFont = (script: WideScript): boolean => {
    let have = found.get(script);
    if (have !== undefined) return have;
    have = false;
    for (const c of CANDIDATES[script]) {
      if (!fs.existsSync(c.file)) continue;
      try {
        // Opened here, so a face name the collection lacks moves on to the next candidate.
        if (c.face) font(c.file, c.face);
        else font(c.file);
        doc.registerFont(`wide-${script}`, c.file, c.face);
        have = true;
        break;
      } catch {
        continue;
      }
    }
    font(current);
    found.set(script, have);
    return have;
  };
  const text = doc.text.bind(doc);
  const widthOf = doc.widthOfString.bind(doc);
  // Inside a wide string's text() pdfkit measures its pieces again: those stay in its font.
  let inWide = false;
  // Which font a string is set in: its script's, when it needs one and the PC has it.
  const inFont = <T>(str: unknown, run: () => T): T => {
    if (inWide) return run();
    const script = typeof str === 'string' ? wideScriptOf(str) : null;
    if (!script) return run();
    if (!haveFont(script)) {
      missing.add(script);
      return run();
    }
    font(`wide-${script}`);
    inWide = true;
    try {
      return run();
    } finally {
      inWide = false;
      font(current);
    }
  };
  doc.font = ((src: PDFKit.Mixins.PDFFontSource, ...rest: [string?, number?]) => {
    if (typeof src === 'string') current = src;
    return font(src, ...(rest as [string]));
  }) as typeof doc.font;
  doc.text = ((str: unknown, ...rest: unknown[]) =>
    inFont(str, () =>
      (text as (...a: unknown[]) => PDFKit.PDFDocument)(str, ...rest),
    )) as typeof doc.text;
  doc.widthOfString = ((str: string, options?: PDFKit.Mixins.TextOptions) =>
    inFont(str, () => widthOf(str, options))) as typeof doc.widthOfString;
  return { missing };
}
