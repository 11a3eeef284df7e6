// Build step: prints the man page generated from the commander program.
import { manPage } from './man.js';
import { createProgram, VERSION } from './main.js';

const program = createProgram(
  { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {} },
  () => undefined,
);
process.stdout.write(manPage(program, VERSION));
