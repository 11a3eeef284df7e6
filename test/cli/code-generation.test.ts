// The engine runs generated JavaScript; where Node forbids generating code,
// autograd says so in one line and exits 2 (never an internal error).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, hasStackFrame } from '../helpers/cli.js';

describe('node --disallow-code-generation-from-strings', () => {
  it('exit 2 with one clear line', () => {
    const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', BIN, 'eval', 'x*2', '--at', 'x=1'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: autograd compiles programs to JavaScript: run Node without --disallow-code-generation-from-strings\n');
    expect(hasStackFrame(r.stderr)).toBe(false);
  });
});
