// Runs the CLI's main() in this process (no spawn): for table-wide loops.
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
    stdout: { write: (s: string) => { stdout += s; return true; } },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    stdin: Readable.from([input]),
    env: {},
  });
  return { code, stdout, stderr };
}
