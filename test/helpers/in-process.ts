// Runs the CLI's main() in this process with in-memory streams: for property
// tests that would be too slow spawning a process per case.
import { PassThrough, Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export async function runInProcess(args: readonly string[], input = ''): Promise<InProcessResult> {
  const out = sink();
  const err = sink();
  const stdin = input === '' ? Readable.from([]) : Readable.from([Buffer.from(input)]);
  const code = await main(args, {
    stdout: out.stream as unknown as NodeJS.WriteStream,
    stderr: err.stream as unknown as NodeJS.WriteStream,
    stdin: stdin.pipe(new PassThrough()),
    env: {},
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
