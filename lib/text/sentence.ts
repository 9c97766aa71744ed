/**
 * `text` as a sentence inside a message: trimmed, ending in exactly one full stop — kept as written
 * when it already ends in `.`, `!`, `?` or `…` (so "Spam." never becomes "Spam..").
 */
export function asSentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}
