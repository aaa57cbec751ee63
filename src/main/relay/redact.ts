/**
 * Masks a receipt before it leaves the PC: card numbers always, and the manager's redaction
 * rules. The plain text, every free-text string of its sales figures, and its raw bytes when they
 * are sent. A masked character becomes '*' (a double-width one '＊'), whitespace stays, so the
 * receipt keeps its shape and its columns.
 */
import type { ReceiptFigures, RelayReceipt } from '../../shared';
import { maskCardNumbers } from './card-numbers';
import { type RedactionRule, ruleRegExp } from '../../shared';

/** Rules compiled once; `redactReceipt` also takes the plain list and compiles it itself. */
export class CompiledRedaction {
  private readonly rules: { re: RegExp; restOfLine: boolean }[];

  constructor(rules: readonly RedactionRule[]) {
    this.rules = rules.map((rule) => ({
      re: ruleRegExp(rule),
      restOfLine: rule.hide === 'rest-of-line',
    }));
  }

  /** No rules: only card numbers are masked. */
  get onlyCards(): boolean {
    return this.rules.length === 0;
  }

  /** Card numbers and the rules masked in one string; the card numbers' digits alongside. */
  mask(text: string): { text: string; cards: string[] } {
    const cards = maskCardNumbers(text);
    if (this.rules.length === 0) return cards;
    return { text: this.applyRules(cards.text), cards: cards.cards };
  }

  /**
   * Every rule runs on the same text (card numbers already masked, so no rule can unmask part of
   * one) and the masks are applied together: the result does not depend on the rules' order.
   */
  private applyRules(text: string): string {
    const marks = new Uint8Array(text.length);
    let any = false;
    for (const { re, restOfLine } of this.rules) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const end = m.index + m[0].length;
        if (m[0].length === 0) re.lastIndex++;
        const [from, to] = restOfLine ? [end, lineEnd(text, end)] : [m.index, end];
        if (to > from) {
          marks.fill(1, from, to);
          any = true;
        }
      }
    }
    return any ? applyMarks(text, marks) : text;
  }
}

export type RedactionRules = readonly RedactionRule[] | CompiledRedaction;

const compiledLists = new WeakMap<readonly RedactionRule[], CompiledRedaction>();

export function compileRedaction(rules: RedactionRules): CompiledRedaction {
  if (rules instanceof CompiledRedaction) return rules;
  let compiled = compiledLists.get(rules);
  if (!compiled) {
    compiled = new CompiledRedaction(rules);
    compiledLists.set(rules, compiled);
  }
  return compiled;
}

/** One string with its card numbers and the rules' matches masked. */
export function redactText(text: string, rules: RedactionRules = []): string {
  return compileRedaction(rules).mask(text).text;
}

/**
 * The receipt as it may leave the PC. Text and figures are masked in place; the raw bytes, when
 * present, are masked where they hold plain text, and left out altogether when a card number
 * found in the text still reads in them (the bytes between its digits hid it from the mask: a
 * style change mid-number, say).
 */
export function redactReceipt(r: RelayReceipt, rules: RedactionRules = []): RelayReceipt {
  const compiled = compileRedaction(rules);
  const text = compiled.mask(r.text);
  const out: RelayReceipt = {
    ...r,
    text: text.text,
    figures: r.figures === null ? null : redactFigures(r.figures, compiled),
  };
  delete out.raw;
  if (r.raw !== undefined) {
    const raw = redactRaw(r.raw, compiled, text.cards);
    if (raw !== null) out.raw = raw;
  }
  return out;
}

/**
 * Whether stored figures (their JSON, as JSON.stringify wrote it) may leave as they are: no
 * rules to apply, and no card number anywhere in the JSON. Every string of the figures is in
 * that JSON with its digits, spaces and dashes as they are (JSON escapes none of them), so a
 * card number in any of them is found here; what else is found (a long number) only sends the
 * figures through redactFigures, which masks strings and leaves numbers alone.
 */
export function figuresNeedNoMasking(json: string, compiled: CompiledRedaction): boolean {
  return compiled.onlyCards && maskCardNumbers(json).cards.length === 0;
}

/** Fields that are codes of ours, not text from the receipt: masking them would break them. */
const CODE_FIELDS = new Set(['kind', 'currency', 'method']);

/**
 * Every string of the figures, found by walking them rather than by naming fields, so a text
 * field added to the figures later is masked without anyone remembering to add it here.
 */
export function redactFigures(figures: ReceiptFigures, rules: RedactionRules = []): ReceiptFigures {
  const compiled = compileRedaction(rules);
  return walk(figures, '', compiled) as ReceiptFigures;
}

function walk(value: unknown, key: string, compiled: CompiledRedaction): unknown {
  if (typeof value === 'string') {
    if (CODE_FIELDS.has(key)) return value;
    // A payment's last four digits are what the receipt may show of a card; anything longer
    // in that field is masked like any other text.
    if (key === 'last4' && /^\d{1,4}$/.test(value)) return value;
    return compiled.mask(value).text;
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, key, compiled));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k, compiled);
    return out;
  }
  return value;
}

/**
 * The raw bytes (base64) masked where they read as text: each stretch of printable bytes, read
 * as Latin-1 so every byte is one character and the length does not change, is masked like the
 * text; control bytes (ESC, GS and the like) end a stretch and are never masked, so the printer
 * commands stay whole. Null when a card number of the text can still be read in the bytes' digits.
 */
function redactRaw(raw: string, compiled: CompiledRedaction, textCards: string[]): string | null {
  const bytes = Buffer.from(raw, 'base64');
  const latin1 = bytes.toString('latin1');
  let out = '';
  let from = 0;
  for (let i = 0; i <= latin1.length; i++) {
    const code = i < latin1.length ? latin1.charCodeAt(i) : 0;
    if (code >= 0x20 && code !== 0x7f) continue;
    out += compiled.mask(latin1.slice(from, i)).text;
    if (i < latin1.length) out += latin1[i];
    from = i + 1;
  }
  if (textCards.length > 0) {
    const digits = out.replace(/[^0-9]+/g, '');
    if (textCards.some((card) => digits.includes(card.slice(0, -4)))) return null;
  }
  return Buffer.from(out, 'latin1').toString('base64');
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return text.length;
}

function applyMarks(text: string, marks: Uint8Array): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!marks[i]) continue;
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (/\s/u.test(String.fromCodePoint(cp))) {
      i += width - 1;
      continue;
    }
    out += text.slice(from, i) + (isWide(cp) ? '\uff0a' : '*');
    i += width - 1;
    from = i + 1;
  }
  return out + text.slice(from);
}

/** East Asian wide and fullwidth characters, which a receipt prints two columns wide. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
