import { describe, expect, it } from 'vitest';
import { redactText } from './redact';
import { redactionRulesSchema, type RedactionRule } from '../../shared';

function rules(input: unknown[]): RedactionRule[] {
  return redactionRulesSchema.parse(input);
}

function messages(input: unknown): string[] {
  const r = redactionRulesSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('redactionRulesSchema', () => {
  it('accepts phrases and patterns, trimmed, hiding the match by default', () => {
    expect(
      rules([
        { kind: 'phrase', text: '  Jane Doe ' },
        { kind: 'pattern', pattern: 'LOY-####', hide: 'match' },
        { kind: 'phrase', text: 'Customer:', hide: 'rest-of-line' },
      ]),
    ).toEqual([
      { kind: 'phrase', text: 'Jane Doe', hide: 'match' },
      { kind: 'pattern', pattern: 'LOY-####', hide: 'match' },
      { kind: 'phrase', text: 'Customer:', hide: 'rest-of-line' },
    ]);
    expect(redactionRulesSchema.parse(undefined)).toEqual([]);
  });

  it.each([
    [{ kind: 'phrase', text: '   ' }, 'Write the words to hide, or remove the rule.'],
    [{ kind: 'phrase', text: 'J' }, 'Words to hide have at least 2 characters.'],
    [{ kind: 'phrase', text: 'x'.repeat(101) }, 'Words to hide have at most 100 characters.'],
    [
      { kind: 'phrase', text: 'Jane\nDoe' },
      'Words to hide fit on one line: remove the line break.',
    ],
    [{ kind: 'pattern', pattern: '' }, 'Write the pattern to hide, or remove the rule.'],
    [{ kind: 'pattern', pattern: '#'.repeat(65) }, 'A pattern has at most 64 characters.'],
    [
      { kind: 'pattern', pattern: 'ID ##\\' },
      'A pattern ends with a lone \\: put the character to match after it, or remove it.',
    ],
    [
      { kind: 'pattern', pattern: '#' },
      'A pattern matches at least 2 characters, such as ## for two digits.',
    ],
    [
      { kind: 'pattern', pattern: '?? ??' },
      'A pattern of only ? and spaces would hide the whole receipt: add letters, digits, # or @.',
    ],
    [{ kind: 'regex', pattern: '.*' }, 'A redaction rule is either words to hide or a pattern.'],
    [
      { kind: 'phrase', text: 'Jane', hide: 'all' },
      'Choose whether to hide the words themselves or the rest of their line.',
    ],
  ])('refuses %j with a sentence', (rule, message) => {
    expect(messages([rule])).toEqual([message]);
  });

  it('keeps the list short', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ kind: 'phrase', text: `name ${i}` }));
    expect(messages(many)).toEqual([
      'Keep at most 50 redaction rules; a pattern can cover several.',
    ]);
  });
});

describe('rules applied to text', () => {
  it('hides a phrase whatever its case, keeping spaces and the line length', () => {
    const out = redactText(
      'Guest: JANE DOE, table 4',
      rules([{ kind: 'phrase', text: 'jane doe' }]),
    );
    expect(out).toBe('Guest: **** ***, table 4');
  });

  it('matches a phrase only as whole words', () => {
    const r = rules([{ kind: 'phrase', text: 'Ann' }]);
    expect(redactText('Annual: Ann, Anna, ann.', r)).toBe('Annual: ***, Anna, ***.');
  });

  it('reads the characters of a phrase literally, however regular-expression-like', () => {
    const r = rules([{ kind: 'phrase', text: '(VIP).*' }]);
    expect(redactText('Guest (VIP).* here; (VIP)xx', r)).toBe('Guest ******* here; (VIP)xx');
  });

  it('hides patterns of digits and letters only where they stand alone', () => {
    const r = rules([
      { kind: 'pattern', pattern: 'LOY-@@####' },
      { kind: 'pattern', pattern: '####' },
    ]);
    expect(redactText('Member loy-ab1234 PIN 9876 order 123456', r)).toBe(
      'Member ********** PIN **** order 123456',
    );
  });

  it('treats \\# as a literal #, and ? as any one character', () => {
    const r = rules([{ kind: 'pattern', pattern: 'Room \\#?#' }]);
    expect(redactText('Room #A1 and Room #12', r)).toBe('**** *** and **** ***');
  });

  it('hides the rest of the line after a label, and only that line', () => {
    const r = rules([{ kind: 'phrase', text: 'Customer:', hide: 'rest-of-line' }]);
    expect(redactText('Customer: Jane Doe\r\nTotal 12.00\ncustomer:Bob', r)).toBe(
      'Customer: **** ***\r\nTotal 12.00\ncustomer:***',
    );
  });

  it('masks double-width characters with a double-width star', () => {
    const r = rules([{ kind: 'phrase', text: '山田太郎' }]);
    expect(redactText('お客様 山田太郎 様', r)).toBe('お客様 ＊＊＊＊ 様');
  });

  it('applies every rule to the same text, so their order does not matter', () => {
    const a = { kind: 'phrase', text: 'Jane Doe' };
    const b = { kind: 'phrase', text: 'Doe Street', hide: 'rest-of-line' };
    const text = 'Jane Doe Street 5\nok';
    expect(redactText(text, rules([a, b]))).toBe(redactText(text, rules([b, a])));
    expect(redactText(text, rules([a, b]))).toBe('**** *** Street *\nok');
  });

  it('masks card numbers before the rules, so no rule can leave part of one readable', () => {
    const r = rules([{ kind: 'pattern', pattern: '####' }]);
    expect(redactText('4111 1111 1111 1111', r)).toBe('**** **** **** ****');
    expect(redactText('4111 1111 1111 1111', [])).toBe('**** **** **** 1111');
  });

  it('runs a rule that would backtrack forever as a regular expression in linear time', () => {
    // As a regular expression, (a+)+$ on 40 a's and a ! takes longer than the test's timeout.
    const r = rules([{ kind: 'phrase', text: '(a+)+$' }]);
    const line = 'a'.repeat(40) + '!';
    expect(redactText(line, r)).toBe(line);
    const big = 'ab1 '.repeat(25_000);
    const heavy = rules(
      Array.from({ length: 50 }, (_, i) => ({
        kind: 'pattern',
        pattern: `@@# ${i}`.padEnd(60, '?'),
      })),
    );
    expect(redactText(big, heavy).length).toBe(big.length);
  });
});
