// Entry point of the bundled CLI: one fatal path, one exit code, quiet on a
// closed pipe, and 130 on SIGINT with registered temporary files removed.
import { removeTempFiles } from '../io/cleanup.js';
import { makeStyle } from './color.js';
import { EXIT, reportError, writeFailure } from './exit.js';
import { main } from './main.js';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  const failure = writeFailure(err, 'standard output');
  // EPIPE: the reader went away (| head), a normal end. Anything else is an output error.
  if (failure !== undefined) {
    try {
      process.stderr.write(`error: ${failure}\n`);
    } catch {
      // stderr is gone too: the exit code still tells
    }
  }
  process.exit(failure === undefined ? process.exitCode ?? EXIT.ok : EXIT.usage);
});
process.stderr.on('error', () => {
  // Nowhere left to report to: end with the code we have.
  process.exit(process.exitCode ?? EXIT.usage);
});

const fatal = (err: unknown): void => {
  let code: number = EXIT.internal;
  try {
    code = reportError(err, process.stderr, makeStyle(0), process.env);
  } finally {
    process.exit(code);
  }
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

// NOTE: a synchronous computation is not interruptible in JavaScript; the handler
// runs as soon as the event loop is reached (at once while reading input or streaming).
const interrupted = (code: number) => (): void => {
  removeTempFiles();
  process.exit(code);
};
process.on('SIGINT', interrupted(EXIT.interrupted));
process.on('SIGTERM', interrupted(EXIT.terminated));
process.on('exit', removeTempFiles);

main(process.argv.slice(2), {
  stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env,
}).then((code) => {
  process.exitCode = code;
}, fatal);
