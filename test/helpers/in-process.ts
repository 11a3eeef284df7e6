// Runs the CLI's main() in this process with fake or in-memory streams: the
// fast way to throw thousands of inputs at it.
import { PassThrough, Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runMain(args: readonly string[], input = ''): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => { stdout += s; return true; }, isTTY: false },
    stderr: { write: (s: string) => { stderr += s; return true; }, isTTY: false },
    stdin: Readable.from(input === '' ? [] : [Buffer.from(input)]),
    env: {},
  });
  return { code, stdout, stderr };
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
