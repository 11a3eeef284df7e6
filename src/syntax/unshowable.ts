// Characters that must never reach a terminal as they are: they are invisible,
// move the cursor or reorder the line. Error messages show them as U+XXXX.

/** True for controls, invisible format characters, bidi controls, line separators and lone surrogates. */
export function isUnshowable(cp: number): boolean {
  return cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0xa0) || cp === 0xad ||
    (cp >= 0xd800 && cp <= 0xdfff) || // a lone surrogate
    (cp >= 0x200b && cp <= 0x200f) || // zero-width spaces and joiners, LRM, RLM
    (cp >= 0x2028 && cp <= 0x202e) || // line/paragraph separators, bidi embeddings and overrides
    (cp >= 0x2060 && cp <= 0x2069) || // word joiner, invisible operators, bidi isolates
    cp === 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb);
}

/** `s` with every unshowable character written as \u{…}, for quoting user text in a message. */
export function showText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += isUnshowable(cp) ? `\\u{${cp.toString(16)}}` : ch;
  }
  return out;
}

/**
 * A message as it may reach a terminal: its own line breaks kept, every other
 * unshowable character escaped. The last line of defence: text from outside is
 * quoted (quoteText) where it is put into a message, so a line break from the
 * data is escaped there already.
 */
export function showLines(s: string): string {
  return s.split('\n').map(showText).join('\n');
}

/** Longest piece of user text quoted whole in a message; longer text keeps its two ends. */
const QUOTE_MAX = 64;

/**
 * User text as quoted in a message: escaped, and cut in the middle when long
 * (a 10 MB name must not give a 10 MB message).
 *
 * @example quoteText(`x${"y".repeat(99)}`) // "xyyy…yyy…(100 characters)…yyyyyyyyyyyy"
 */
export function quoteText(s: string): string {
  if (s.length <= QUOTE_MAX) return showText(s);
  return `${showText(s.slice(0, 40))}…(${s.length} characters)…${showText(s.slice(-12))}`;
}
