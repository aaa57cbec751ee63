/**
 * The manager's redaction rules: what else, besides card numbers, is masked before a receipt
 * leaves the PC (a customer's name, a loyalty number, a phone number).
 *
 * A rule is a phrase or a pattern, never a regular expression: the relay runs the rules on every
 * receipt, and a regular expression typed in Settings can take exponential time on the wrong
 * line (catastrophic backtracking) and hang the relay, while V8 has no linear-time engine and
 * none is installed. A pattern is a fixed-length template: `#` is one digit, `@` one letter, `?`
 * one character of any kind, `\` makes the next character literal, anything else matches itself.
 * Without repetition, a rule is tried at each position for at most its own length, so masking is
 * linear in the text: at most (text length × rule length) steps per rule, whatever the input.
 *
 * No Node imports: the schema can move to src/shared with the settings.
 */
import { z } from 'zod';

export const REDACTION_MAX_RULES = 50;
export const REDACTION_PHRASE_MAX_CHARS = 100;
export const REDACTION_PATTERN_MAX_CHARS = 64;

/**
 * `match` masks what the rule matched. `rest-of-line` keeps the match as a label and masks what
 * follows it on its line ("Customer: Jane Doe" → "Customer: **** ***").
 */
const hideSchema = z
  .enum(['match', 'rest-of-line'], {
    error: 'Choose whether to hide the words themselves or the rest of their line.',
  })
  .default('match');

const phraseRuleSchema = z.object({
  kind: z.literal('phrase'),
  text: z
    .string({ error: 'Write the words to hide.' })
    .trim()
    .min(1, { error: 'Write the words to hide, or remove the rule.', abort: true })
    .min(2, { error: 'Words to hide have at least 2 characters.', abort: true })
    .max(REDACTION_PHRASE_MAX_CHARS, {
      error: `Words to hide have at most ${REDACTION_PHRASE_MAX_CHARS} characters.`,
      abort: true,
    })
    .refine((s) => !/[\r\n]/.test(s), {
      error: 'Words to hide fit on one line: remove the line break.',
    }),
  hide: hideSchema,
});

const patternRuleSchema = z.object({
  kind: z.literal('pattern'),
  pattern: z
    .string({ error: 'Write the pattern to hide.' })
    .trim()
    .min(1, { error: 'Write the pattern to hide, or remove the rule.', abort: true })
    .max(REDACTION_PATTERN_MAX_CHARS, {
      error: `A pattern has at most ${REDACTION_PATTERN_MAX_CHARS} characters.`,
      abort: true,
    })
    .superRefine((pattern, ctx) => {
      const problem = patternProblem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  hide: hideSchema,
});

export const redactionRuleSchema = z.discriminatedUnion(
  'kind',
  [phraseRuleSchema, patternRuleSchema],
  {
    error: 'A redaction rule is either words to hide or a pattern.',
  },
);

export const redactionRulesSchema = z
  .array(redactionRuleSchema)
  .max(REDACTION_MAX_RULES, {
    error: `Keep at most ${REDACTION_MAX_RULES} redaction rules; a pattern can cover several.`,
  })
  .default([]);

export type RedactionRule = z.output<typeof redactionRuleSchema>;

type Token =
  { kind: 'digit' } | { kind: 'letter' } | { kind: 'any' } | { kind: 'literal'; char: string };

/** Why a pattern cannot be used, as a sentence for the manager; null when it can. */
export function patternProblem(pattern: string): string | null {
  const tokens = tokenize(pattern);
  if (typeof tokens === 'string') return tokens;
  if (tokens.length < 2)
    return 'A pattern matches at least 2 characters, such as ## for two digits.';
  if (tokens.every((t) => t.kind === 'any' || (t.kind === 'literal' && /\s/u.test(t.char)))) {
    return 'A pattern of only ? and spaces would hide the whole receipt: add letters, digits, # or @.';
  }
  return null;
}

function tokenize(pattern: string): Token[] | string {
  const tokens: Token[] = [];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\') {
      if (i + 1 >= chars.length) {
        return 'A pattern ends with a lone \\: put the character to match after it, or remove it.';
      }
      tokens.push({ kind: 'literal', char: chars[++i] });
    } else if (c === '\r' || c === '\n') {
      return 'A pattern fits on one line: remove the line break.';
    } else if (c === '#') tokens.push({ kind: 'digit' });
    else if (c === '@') tokens.push({ kind: 'letter' });
    else if (c === '?') tokens.push({ kind: 'any' });
    else tokens.push({ kind: 'literal', char: c });
  }
  return tokens;
}

const WORD_EDGE = /^[\p{L}\p{N}]$/u;

/**
 * The rule as a JavaScript regular expression built from the template, with no quantifier, no
 * group and no alternation: V8 tries it at each position for at most its length. A rule whose
 * first or last character is a letter or digit (or # or @) matches only at a word's edge, so
 * "Ann" hides Ann and not the start of "Annual", and #### hides a 4-digit number and not the
 * middle of a longer one.
 */
export function ruleRegExp(rule: RedactionRule): RegExp {
  const tokens: Token[] =
    rule.kind === 'phrase'
      ? [...rule.text].map((char) => ({ kind: 'literal', char }))
      : (tokenize(rule.pattern) as Token[]);
  if (typeof tokens === 'string' || tokens.length === 0) {
    throw new Error(`Redaction rule cannot be used: ${String(tokens)}`);
  }
  const body = tokens.map(tokenSource).join('');
  const before = isWordToken(tokens[0]) ? '(?<![\\p{L}\\p{N}])' : '';
  const after = isWordToken(tokens[tokens.length - 1]) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(before + body + after, 'giu');
}

function tokenSource(t: Token): string {
  switch (t.kind) {
    case 'digit':
      return '\\p{Nd}';
    case 'letter':
      return '\\p{L}';
    case 'any':
      return '.';
    case 'literal':
      // Whitespace in a rule matches any one space-like character (a receipt may use a
      // no-break space where the manager typed a space).
      if (/\s/u.test(t.char)) return '[^\\S\\r\\n]';
      return t.char.replace(/[\\^$.*+?()[\]{}|/]/gu, '\\$&');
  }
}

function isWordToken(t: Token): boolean {
  return (
    t.kind === 'digit' || t.kind === 'letter' || (t.kind === 'literal' && WORD_EDGE.test(t.char))
  );
}
