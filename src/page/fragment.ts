// The page's URL fragment: `#a=3,f=0.5`, the --at syntax, each name and value
// percent-decoded (so `#θ=1` and `#%CE%B8=1` both work). Values are read as
// --at reads them (decimal, NaN, ±Infinity). No DOM: tested in Node.
import { parseNumberField } from '../io/number-field.js';
import { formatNumber } from '../render/number.js';

/** What a fragment says: the values it sets, and what it could not read (one message each). */
export interface Fragment {
  readonly values: Map<string, number>;
  readonly problems: string[];
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Reads `hash` (with or without its `#`) for the variables `names`; anything else is a problem, never an exception. */
export function parseFragment(hash: string, names: readonly string[]): Fragment {
  const values = new Map<string, number>();
  const problems: string[] = [];
  const known = new Set(names);
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const raw of text.split(',')) {
    if (raw.trim() === '') continue;
    const part = decode(raw);
    if (part === undefined) {
      problems.push(`'${raw}' is not percent-encoded text`);
      continue;
    }
    const eq = part.indexOf('=');
    if (eq === -1) {
      problems.push(`'${part}': expected name=value`);
      continue;
    }
    const name = part.slice(0, eq).trim();
    const value = parseNumberField(part, eq + 1, part.length);
    if (!known.has(name)) problems.push(`'${name}' is not a variable of this program`);
    else if (value === undefined) problems.push(`${name}: '${part.slice(eq + 1).trim()}' is not a number`);
    else values.set(name, value);
  }
  return { values, problems };
}

/** The fragment of a state (without `#`): `a=3,f=0.5`, names percent-encoded, numbers at full precision. */
export function formatFragment(values: ReadonlyArray<readonly [string, number]>): string {
  return values.map(([name, x]) => `${encodeURIComponent(name)}=${encodeURIComponent(formatNumber(x))}`).join(',');
}
