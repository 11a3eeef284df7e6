// Runs the CLI's main() in this process with fake streams: the fast way to
// throw thousands of inputs at it.
import { Readable } from 'node:stream';
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
