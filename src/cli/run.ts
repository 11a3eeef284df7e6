// Entry point of the bundled CLI: one fatal path, one exit code, quiet on a
// closed pipe, and no temporary file left behind on SIGINT, SIGTERM or a fatal error.
import { removeTempFiles } from '../io/cleanup.js';
import { makeStyle } from './color.js';
import { EXIT, reportError, writeFailure } from './exit.js';
import { main } from './main.js';
import { installSignalCleanup } from './signals.js';

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

installSignalCleanup(process);
process.on('exit', removeTempFiles);

main(process.argv.slice(2), {
  stdout: process.stdout, stderr: process.stderr, env: process.env,
  // Read on use: creating process.stdin costs start-up time.
  get stdin() { return process.stdin; },
}).then((code) => {
  process.exitCode = code;
}, fatal);
