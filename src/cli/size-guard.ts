// A program too large for the JavaScript heap would end in V8's fatal
// out-of-memory abort, not in an error message. So the size of the work is
// estimated from a quick token count first, and a program that cannot fit is
// refused with exit 2 and a way out.
import { createRequire } from 'node:module';
import { InputError } from '../errors.js';

/** This process's heap limit. node:v8 is loaded only here: at start-up it costs time (it pulls in streams). */
function processHeapLimit(): number {
  const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  return v8.getHeapStatistics().heap_size_limit;
}

/** Below any heap a user would set (V8 itself needs more), so a program this small needs no check. */
const SMALLEST_HEAP = 16 * 2 ** 20;

/** Heap bytes per token for parse, graph and backward: measured 170 to 230 on 1,000,000-statement programs. */
export const BYTES_PER_TOKEN = 250;

// Character classes for the count: 1 punctuation, 2 space, 3 '#'; 0 (and any code >= 128) a word character.
const CLASS = new Uint8Array(128);
for (const c of '()+-*/^,;=\n') CLASS[c.charCodeAt(0)] = 1;
for (const c of ' \t\r') CLASS[c.charCodeAt(0)] = 2;
CLASS[0x23] = 3;

/** Roughly how many tokens `source` has: punctuation, plus each run of name/number characters. Comments skipped. */
export function countTokens(source: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    const k = c < 128 ? CLASS[c]! : 0;
    if (k === 0) {
      if (!inWord) count++;
      inWord = true;
    } else if (k === 1) {
      count++;
      inWord = false;
    } else if (k === 2) inWord = false;
    else {
      // '#': the comment runs to the line break, which is counted next
      const nl = source.indexOf('\n', i);
      if (nl === -1) break;
      i = nl - 1;
      inWord = false;
    }
  }
  return count;
}

/** Throws InputError when `source` would need more heap than `heapLimit` bytes (default: this process's limit). */
export function checkProgramSize(source: string, limit?: number): void {
  // Small programs cannot come near any heap limit: skip the scan (and node:v8).
  if (limit === undefined && source.length * BYTES_PER_TOKEN < SMALLEST_HEAP * 0.9) return;
  const heapLimit = limit ?? processHeapLimit();
  if (source.length * BYTES_PER_TOKEN < heapLimit * 0.9) return;
  const need = countTokens(source) * BYTES_PER_TOKEN;
  if (need < heapLimit * 0.9) return;
  const mb = (n: number): number => Math.ceil(n / 2 ** 20);
  throw new InputError(
    `the program is too large for the memory available: about ${mb(need)} MB needed, the heap limit is ` +
    `${mb(heapLimit)} MB (raise it with NODE_OPTIONS=--max-old-space-size=${Math.ceil(mb(need) * 1.2)})`,
  );
}
