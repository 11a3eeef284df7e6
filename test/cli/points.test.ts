import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, hasStackFrame, runCli } from '../helpers/cli.js';

const NEURON = 'sigmoid(a*x+b*y+c)';

describe('eval --points', () => {
  it('CSV in, CSV out: header with the output name, one line per row, full precision', () => {
    const r = runCli(['eval', 'L = x*y + sin(x)', '--points', '-'], { input: 'y,x\n2,1\n0.5,-0\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('L,dL/dx,dL/dy\n2.8414709848078967,2.5403023058681398,1\n-0,1.5,-0\n');
  });

  it('--at fills variables the rows lack; unused columns (even text) are ignored', () => {
    const r = runCli(['eval', NEURON, '--at', 'a=1,b=2,c=-3', '--wrt', 'x,y', '--points', '-'],
      { input: 'name,x,y,extra\nfirst,-1,3,zz\n' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('f,df/dx,df/dy\n0.8807970779778823,0.10499358540350662,0.20998717080701323\n');
  });

  it('a column overrides --at for the same name', () => {
    const r = runCli(['eval', 'x*k', '--at', 'k=2,x=100', '--points', '-'], { input: 'x\n3\n' });
    expect(r.stdout).toBe('f,df/dx,df/dk\n6,2,3\n');
  });

  it('JSON Lines in and out (SPEC §4 objects), blank lines and CRLF, any key name', () => {
    const input = '{"x":1,"__proto__":2}\r\n\n   \n{"__proto__":"Infinity","x":-1,"other":"text"}\n';
    const r = runCli(['eval', 'x*__proto__', '--points', '-', '--json'], { input });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '{"output":"f","value":2,"gradient":{"x":2,"__proto__":1}}\n'
      + '{"output":"f","value":"-Infinity","gradient":{"x":"Infinity","__proto__":-1}}\n');
  });

  it('JSON Lines in, CSV out; CSV in, JSON Lines out', () => {
    expect(runCli(['eval', 'x+y', '--points', '-'], { input: '{"y":1,"x":2}\n' }).stdout).toBe('f,df/dx,df/dy\n3,1,1\n');
    expect(runCli(['eval', 'x+y', '--points', '-', '--json'], { input: 'x,y\n2,1\n' }).stdout)
      .toBe('{"output":"f","value":3,"gradient":{"x":1,"y":1}}\n');
  });

  it('--wrt and --all work per row', () => {
    const program = 'e = a*b; d = e + c; L = d*f';
    const input = 'a,b,c,f\n2,-3,10,-2\n1,1,1,1\n';
    expect(runCli(['eval', program, '--points', '-', '--wrt', 'e,a'], { input }).stdout).toBe('L,dL/de,dL/da\n-8,-2,6\n2,1,1\n');
    expect(runCli(['eval', program, '--points', '-', '--all'], { input }).stdout)
      .toBe('L,dL/da,dL/db,dL/dc,dL/df,dL/de,dL/dd\n-8,6,-4,-2,4,-2,-2\n2,1,1,1,2,1,1\n');
  });

  it('reads a file, and an empty or header-only input gives no rows and exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autograd-points-'));
    writeFileSync(join(dir, 'p.csv'), 'x\n1\n2');
    expect(runCli(['eval', 'x*x', '--points', join(dir, 'p.csv')]).stdout).toBe('f,df/dx\n1,2\n4,4\n');
    for (const input of ['', '\n\n', 'x\n', 'x\r\n\r\n']) {
      const r = runCli(['eval', 'x*x', '--points', '-'], { input });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('f,df/dx\n');
    }
    const j = runCli(['eval', 'x*x', '--points', '-', '--json'], { input: '' });
    expect([j.code, j.stdout, j.stderr]).toEqual([0, '', '']);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('a bad row stops with exit 2 naming its physical line; rows before it are out', () => {
    const cases: Array<[string, string, string[], string]> = [
      ['a short CSV row', 'x,y\n1,2\n\n3\n5,6\n', [], '<stdin>:4: expected 2 values (one per header column), found 1'],
      ['a long CSV row', 'x,y\n1,2\n3,4,5\n', [], '<stdin>:3: expected 2 values (one per header column), found 3'],
      ['a non-number', 'x,y\n1,2\n3,0x10\n', [], "<stdin>:3: '0x10' in column 'y' is not a number"],
      ['an empty field', 'x,y\n1,2\n3,\n', [], "<stdin>:3: '' in column 'y' is not a number"],
      ['a missing JSON key', '{"x":1,"y":2}\n\n{"x":3}\n', ['--json'], '<stdin>:3: missing "y" (give it in every row or with --at y=…)'],
      ['a JSON non-number', '{"x":1,"y":2}\n{"x":"1","y":2}\n', ['--json'], '<stdin>:2: the value of "x" is not a number'],
      ['broken JSON', '{"x":1,"y":2}\n{"x":1,\n', ['--json'], '<stdin>:2: not valid JSON'],
      ['a JSON array', '{"x":1,"y":2}\n[1,2]\n', ['--json'], '<stdin>:2: expected a JSON object'],
    ];
    it.each(cases)('%s', (_what, input, extra, message) => {
      const r = runCli(['eval', 'x*y', '--points', '-', ...extra], { input });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: ${message}\n`);
      expect(r.stdout).toBe(extra.includes('--json') ? '{"output":"f","value":2,"gradient":{"x":2,"y":1}}\n' : 'f,df/dx,df/dy\n2,2,1\n');
    });

    it('a header without a needed variable: exit 2, nothing on stdout', () => {
      const r = runCli(['eval', 'x*y', '--points', '-'], { input: '\nx,z\n1,2\n' });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe("error: <stdin>:2: no value for variable 'y': not a column of the header, and --at does not give it\n");
      expect(hasStackFrame(r.stderr)).toBe(false);
    });

    it('a missing file and conflicting stdin uses are input/usage errors', () => {
      const r = runCli(['eval', 'x', '--points', 'no-such-file.csv']);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "error: cannot read 'no-such-file.csv': no such file\n"]);
      const s = runCli(['eval', '-', '--points', '-'], { input: 'x' });
      expect(s.code).toBe(2);
    });
  });

  it('--strict exits 1 after writing every row when a row is not finite', () => {
    const r = runCli(['eval', 'log(x)', '--points', '-', '--strict'], { input: 'x\n-1\n1\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('f,df/dx\nNaN,-1\n0,1\n');
  });

  it('| head -1 ends quietly, exit 0, without reading the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autograd-head-'));
    const file = join(dir, 'big.csv');
    let text = 'x,y\n';
    for (let i = 0; i < 400_000; i++) text += `${i},${i / 7}\n`;
    writeFileSync(file, text);
    const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" eval "x*y" --points "$2" --json | head -1', process.execPath, BIN, file],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('{"output":"f","value":0,"gradient":{"x":0,"y":0}}\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(spawnSync('script', ['--version']).status === 0)('a progress line only when stderr is a TTY and the input is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autograd-tty-'));
    const file = join(dir, 'p.csv');
    writeFileSync(file, 'x\n1\n2\n');
    const tty = (command: string): string => spawnSync('script', ['-qc', command, '/dev/null'],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stdout;
    const q = (s: string): string => `'${s}'`;
    const fromFile = tty(`${q(process.execPath)} ${q(BIN)} eval x --points ${q(file)} > ${q(join(dir, 'a.csv'))}`);
    expect(fromFile).toContain('\r\u001b[K');
    const fromStdin = tty(`${q(process.execPath)} ${q(BIN)} eval x --points - < ${q(file)} > ${q(join(dir, 'b.csv'))}`);
    expect(fromStdin).toBe('');
    rmSync(dir, { recursive: true, force: true });
  });
});
