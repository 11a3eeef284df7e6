// The I/O floor of the batch benchmark: a bare Node script that only reads the
// same CSV (x,y with a header), parses both numbers of each row and writes
// three formatted numbers per row, in large chunks with backpressure. No
// autograd code: this is what any CSV-in/CSV-out Node program pays.
import { createReadStream } from 'node:fs';

const input = process.argv[2] === undefined || process.argv[2] === '-' ? process.stdin : createReadStream(process.argv[2], { highWaterMark: 1 << 20 });
let carry = '';
let header = true;
for await (const chunk of input) {
  const text = carry + chunk.toString('utf8');
  const last = text.lastIndexOf('\n');
  carry = text.slice(last + 1);
  const lines = text.slice(0, last).split('\n');
  let out = '';
  for (const line of lines) {
    if (header) { header = false; out += 'x,y,s\n'; continue; }
    const comma = line.indexOf(',');
    const x = Number(line.slice(0, comma));
    const y = Number(line.slice(comma + 1));
    out += `${String(x)},${String(y)},${String(x + y)}\n`;
  }
  if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
}
