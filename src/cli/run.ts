// Entry point of the bundled CLI: one fatal path, one exit code, quiet on a closed pipe.
import { EXIT } from './exit.js';
import { main } from './main.js';

function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      // The reader went away (| head): a normal end, not an error.
      process.exit(process.exitCode ?? EXIT.ok);
    }
    process.exit(EXIT.internal);
  });
}

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

const fatal = (err: unknown): void => {
  const message = err instanceof Error ? err.message : String(err);
  try {
    process.stderr.write(`autograd: internal error: ${message.split('\n')[0]} (please report)\n`);
    if (process.env.AUTOGRAD_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  } finally {
    process.exit(EXIT.internal);
  }
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

main(process.argv.slice(2), {
  stdout: process.stdout, stderr: process.stderr, env: process.env,
  // Read on use: creating process.stdin costs start-up time.
  get stdin() { return process.stdin; },
}).then((code) => {
  process.exitCode = code;
}, fatal);
