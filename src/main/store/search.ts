/**
 * Turns what the manager types into an FTS5 query. Each whitespace-separated term becomes a
 * quoted phrase, so operators and punctuation are never syntax: "A-1043" is the phrase a + 1043,
 * which matches the order number as printed, and the last term matches as a prefix (typing
 * "Capp" finds "Cappuccino"). Returns null when nothing searchable was typed.
 */
export function toFtsQuery(input: string): string | null {
  const terms = input
    .split(/\s+/u)
    .map((t) => t.trim())
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (terms.length === 0) return null;
  return terms
    .map((t, i) => {
      const phrase = `"${t.replaceAll('"', '""')}"`;
      return i === terms.length - 1 ? `${phrase} *` : phrase;
    })
    .join(' AND ');
}
