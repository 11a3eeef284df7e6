// "Did you mean": the candidates closest to a misspelled name.
import { quoteText } from './unshowable.js';

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3 && Math.min(m, n) < 64) return Math.abs(m - n);
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Up to two candidates within a small edit distance of `name`, closest first. */
export function suggest(name: string, candidates: Iterable<string>): string[] {
  if (name.length > 64) return [];
  const limit = Math.floor((name.length + 1) / 3);
  const scored: Array<[number, string]> = [];
  for (const c of candidates) {
    if (c === name || c.length > 64) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d <= limit) scored.push([d, c]);
  }
  // Closest first; among equals, the longer shared prefix ('sinn' → 'sin' before 'sign').
  const prefix = (c: string): number => {
    let i = 0;
    while (i < c.length && i < name.length && c[i] === name[i]) i++;
    return i;
  };
  scored.sort((x, y) => x[0] - y[0] || prefix(y[1]) - prefix(x[1]) || (x[1] < y[1] ? -1 : 1));
  return scored.slice(0, 2).map((s) => s[1]);
}

/**
 * The one "did you mean" phrase: ` (did you mean 'a' or 'b'?)`, with `from`
 * after the names when given (` from --at`); empty without candidates.
 */
export function didYouMean(near: readonly string[], from?: string): string {
  if (near.length === 0) return '';
  return ` (did you mean ${near.map((n) => `'${quoteText(n)}'`).join(' or ')}${from === undefined ? '' : ` ${from}`}?)`;
}
