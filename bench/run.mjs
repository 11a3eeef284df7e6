// `npm run bench`: measures autograd side by side with its baselines in one
// run and reports ratios (never pass/fail on time). Writes bench/results.json,
// or prints the JSON with --json. Needs the built dist/ (npm install builds it).
//
//   1. cold start of a small eval against `node -e ""`
//   2. 1,000,000 CSV rows through --points against a bare Node CSV script
//   3. value + gradient against value alone on the same compiled tape
//   4. parse + evaluate + gradient of 100,000- and 1,000,000-node programs
//   5. a 1,000,000-deep chain
//   6. max of 100,000 arguments: eval, one --points row, one optimize step
//   7. Jacobians of 100 outputs over 3 variables and 3 over 100, both modes
//   8. fit: lm on 1,000,000 rows of a 3-parameter model (whole process, the
//      default --jobs beside --jobs 1, and per iteration against one --points
//      pass over the same rows), a small fit, and SciPy's curve_fit on the same
//      data when SciPy is installed
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'autograd.js');
const FLOOR = join(ROOT, 'bench', 'io-floor.mjs');
const asJson = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const NODE = process.execPath;
const tmp = mkdtempSync(join(os.tmpdir(), 'autograd-bench-'));

const log = (s) => { if (!asJson) process.stderr.write(`${s}\n`); };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const ms = (x) => `${x.toFixed(1)} ms`;
const pms = (x) => `${x.toFixed(3)} ms`;
const ratio = (a, b) => Math.round((a / b) * 100) / 100;

/** Wall time of one whole process in ms. */
function timeProcess(args, { stdout = 'ignore', input, allow = [0], onOutput } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(NODE, args, { stdio: [input === undefined ? 'ignore' : 'pipe', stdout, 'pipe'], input, maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!allow.includes(r.status)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  onOutput?.(String(r.stdout ?? ''));
  return wall;
}

/** Peak RSS (KB) of a whole process, from the kernel's rusage via GNU time; NaN without it. */
function peakRss(args) {
  const time = spawnSync('/usr/bin/time', ['-f', '%M', NODE, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  return time.status === 0 ? Number(time.stderr.trim().split('\n').pop()) : NaN;
}

// ---------- 1. cold start ----------
function coldStart() {
  const runs = quick ? 7 : 21;
  const node = []; const ag = [];
  const evalArgs = [BIN, 'eval', 'x*y+sin(x)', '--at', 'x=1,y=2'];
  for (let i = 0; i < 3; i++) { timeProcess(['-e', '']); timeProcess(evalArgs); } // warm the file cache
  for (let i = 0; i < runs; i++) {
    node.push(timeProcess(['-e', '']));
    ag.push(timeProcess(evalArgs));
  }
  const r = { runs, nodeMs: median(node), autogradMs: median(ag) };
  r.ratio = ratio(r.autogradMs, r.nodeMs);
  // The fastest runs are the least disturbed by other load on the machine.
  r.nodeMinMs = Math.min(...node);
  r.autogradMinMs = Math.min(...ag);
  r.ratioOfMinimums = ratio(r.autogradMinMs, r.nodeMinMs);
  r.target = 1.3;
  return r;
}

// ---------- 2. batch throughput ----------
function makeRows(path, n) {
  // Deterministic values in [-2, 2) with full double precision.
  let s = 0x9e3779b9;
  const rnd = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return ((s >>> 0) / 2 ** 32) * 4 - 2; };
  const parts = ['x,y\n'];
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += `${rnd()},${rnd()}\n`;
    if (chunk.length > 1 << 20) { parts.push(chunk); chunk = ''; }
  }
  parts.push(chunk);
  writeFileSync(path, parts.join(''));
}

function batch() {
  const rows = quick ? 200_000 : 1_000_000;
  const file = join(tmp, 'rows.csv');
  makeRows(file, rows);
  const program = 'sigmoid(a*x+b*y+c)*log1p(x*x)';
  const agArgs = [BIN, 'eval', program, '--at', 'a=0.5,b=-0.25,c=0.1', '--wrt', 'x,y', '--points', file];
  const floorArgs = [FLOOR, file];
  const runs = quick ? 3 : 5;
  const floor = []; const ag = []; const one = [];
  // Side by side: the I/O floor, the default (every core: --jobs), and --jobs 1.
  for (let i = 0; i < runs; i++) {
    floor.push(timeProcess(floorArgs));
    ag.push(timeProcess(agArgs));
    one.push(timeProcess([...agArgs, '--jobs', '1']));
  }
  const r = {
    rows, program, runs, jobs: os.availableParallelism(),
    floorMs: median(floor), autogradMs: median(ag), oneThreadMs: median(one),
  };
  r.oneThreadRatio = ratio(r.oneThreadMs, r.floorMs);
  r.speedup = ratio(r.oneThreadMs, r.autogradMs);
  r.jobsTarget = 0.6;
  r.floorRowsPerSec = Math.round(rows / (r.floorMs / 1000));
  r.autogradRowsPerSec = Math.round(rows / (r.autogradMs / 1000));
  r.ratio = ratio(r.autogradMs, r.floorMs);
  r.target = 1.5;
  r.autogradPeakRssKB = peakRss(agArgs);
  r.oneThreadPeakRssKB = peakRss([...agArgs, '--jobs', '1']);
  // Flat memory: the same run on a quarter of the rows.
  const small = join(tmp, 'rows-small.csv');
  makeRows(small, rows / 4);
  r.autogradPeakRssKBQuarterRows = peakRss([...agArgs.slice(0, -1), small]);
  r.oneThreadPeakRssKBQuarterRows = peakRss([...agArgs.slice(0, -1), small, '--jobs', '1']);
  rmSync(small);
  rmSync(file);
  return r;
}

// ---------- 3. cheap gradient (in a fresh process, compute only) ----------
const GRADIENT_SCRIPT = `
import { parse, build, compileProgram } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
const N = ${quick ? 200_000 : 1_000_000};
const built = build(parse('sigmoid(a*x+b*y+c)*log1p(x*x)'), new Map([['a',0.5],['b',-0.25],['c',0.1],['x',1],['y',2]]));
const { tape, variables } = compileProgram(built, [built.output]);
const xi = variables.get('x'), yi = variables.get('y');
const xs = new Float64Array(N), ys = new Float64Array(N);
for (let i = 0; i < N; i++) { xs[i] = Math.sin(i) * 2; ys[i] = Math.cos(i * 0.7) * 2; }
const d = tape.data, g = tape.grad;
function valueOnly() { let s = 0; for (let i = 0; i < N; i++) { d[xi] = xs[i]; d[yi] = ys[i]; tape.forward(); s += tape.value; } return s; }
function withGradient() { let s = 0; for (let i = 0; i < N; i++) { d[xi] = xs[i]; d[yi] = ys[i]; tape.forward(); tape.backward(); s += tape.value + g[xi] + g[yi]; } return s; }
const v = [], w = [];
let sink = 0;
for (let rep = 0; rep < 7; rep++) {
  let t = performance.now(); sink += valueOnly(); v.push(performance.now() - t);
  t = performance.now(); sink += withGradient(); w.push(performance.now() - t);
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
process.stdout.write(JSON.stringify({ points: N, compiledKernel: tape.compiled, valueMs: med(v), valueAndGradientMs: med(w), sink: Number.isFinite(sink) }));
`;

function cheapGradient() {
  const r = JSON.parse(spawnSync(NODE, ['--input-type=module', '-e', GRADIENT_SCRIPT], { encoding: 'utf8' }).stdout);
  r.ratio = ratio(r.valueAndGradientMs, r.valueMs);
  r.target = 3;
  delete r.sink;
  return r;
}

// ---------- 4. scaling and 5. deep chain (whole CLI processes) ----------
/** A program of about `nodes` graph nodes: a sum of small mixed terms. */
function wideProgram(nodes) {
  const terms = ['sin(x)*y', 'exp(-x*x)', 'log1p(y*y)/x', 'tanh(x-y)', 'sqrt(x*x+y*y)', 'max(x,y,1)'];
  const out = createParts();
  let count = 1;
  out.add('x');
  let i = 0;
  while (count < nodes) {
    const t = terms[i++ % terms.length];
    out.add(`+${t}`);
    count += 1 + (t.match(/[-+*/(]/g) || []).length + (t.match(/[xy]/g) || []).length;
  }
  return out.text();
}

/** A 1,000,000-deep chain: every operation takes the previous one as input. */
function chainProgram(depth) {
  const out = createParts();
  out.add('x');
  for (let i = 0; i < depth; i++) out.add(i % 2 === 0 ? '*1.0000001' : '+y');
  return out.text();
}

function createParts() {
  const parts = []; let cur = '';
  return {
    add(s) { cur += s; if (cur.length > 1 << 16) { parts.push(cur); cur = ''; } },
    text() { parts.push(cur); return parts.join(''); },
  };
}

function runProgram(label, source) {
  const file = join(tmp, `${label}.txt`);
  writeFileSync(file, source);
  const args = [BIN, 'eval', '-f', file, '--at', 'x=0.7,y=1.3', '--json'];
  const times = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) times.push(timeProcess(args));
  const r = { sourceBytes: source.length, ms: median(times), peakRssKB: peakRss(args) };
  rmSync(file);
  return r;
}

function scaling() {
  const small = runProgram('n100k', wideProgram(100_000));
  const large = runProgram('n1m', wideProgram(1_000_000));
  return {
    nodes100k: small, nodes1m: large,
    timeRatio: ratio(large.ms, small.ms),
    memoryRatio: ratio(large.peakRssKB, small.peakRssKB),
    target: 12,
  };
}

function deepChain() {
  return { depth: 1_000_000, ...runProgram('chain', chainProgram(1_000_000)) };
}

// ---------- 6. a variadic call of 100,000 arguments ----------
function wideMax() {
  const n = 100_000;
  const file = join(tmp, 'max.txt');
  writeFileSync(file, `max(${Array.from({ length: n }, (_, k) => `x+${k}`).join(', ')})`);
  const runs = quick ? 1 : 3;
  const time = (args, input) => { const t = []; for (let i = 0; i < runs; i++) t.push(timeProcess(args, { input })); return median(t); };
  const r = {
    args: n,
    evalMs: time([BIN, 'eval', '-f', file, '--at', 'x=0.5']),
    pointsRowMs: time([BIN, 'eval', '-f', file, '--points', '-'], 'x\n0.5\n'),
    optimizeStepMs: time([BIN, 'optimize', '-f', file, '--at', 'x=0.5', '--steps', '1', '--lr', '0.1']),
  };
  rmSync(file);
  return r;
}

// ---------- 7. Jacobians: the mode choice (in a fresh process, library calls) ----------
const JACOBIAN_SCRIPT = `
import { parse, build, JacobianTape } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
// Tall: 100 outputs over 3 variables, all reading one shared chain of 2,000 nodes.
let chain = 'x';
for (let k = 0; k < 500; k++) chain = \`sin(\${chain})*y + z\`;
const tallOf = Array.from({ length: 100 }, (_, k) => \`u\${k}\`);
const tall = [\`s = \${chain}\`, ...tallOf.map((u, k) => \`\${u} = s*\${k + 1} + x\`)].join('; ');
// Wide: 3 outputs over 100 variables, all reading one shared sum.
const vars = Array.from({ length: 100 }, (_, k) => \`x\${k}\`);
const wide = [\`s = \${vars.map((v, k) => \`sin(\${v}*\${k + 1})*exp(\${v}) - sqrt(1 + \${v}^2)\`).join(' + ')}\`, 'u = s*s', 'v = exp(s/100)', 'w = s + x0'].join('; ');
const points = ${quick ? 200 : 1000};
/** Milliseconds per point of evaluate() (one forward pass and the sweeps), compiled once, over \`points\` points. */
function perPoint(src, names, of, mode) {
  const built = build(parse(src), new Map(names.map((n, k) => [n, k / names.length])));
  const j = new JacobianTape(built, of.map((u) => [u, built.named.get(u)]), [...built.variables], { mode });
  const ids = names.map((n) => built.variables.get(n).id);
  const t = [];
  for (let rep = 0; rep < 5; rep++) {
    const start = performance.now();
    for (let p = 0; p < points; p++) { for (let k = 0; k < ids.length; k++) j.tape.set(ids[k], Math.sin(p + k)); j.evaluate(); }
    t.push((performance.now() - start) / points);
  }
  t.sort((a, b) => a - b);
  return { mode: j.mode, sweeps: j.sweeps, ms: t[t.length >> 1] };
}
const out = {};
for (const [label, src, names, of] of [['tall', tall, ['x', 'y', 'z'], tallOf], ['wide', wide, vars, ['u', 'v', 'w']]]) {
  const reverse = perPoint(src, names, of, 'reverse');
  const forward = perPoint(src, names, of, 'forward');
  const chosen = perPoint(src, names, of, undefined);
  out[label] = { outputs: of.length, variables: names.length, chosen: chosen.mode, chosenMs: chosen.ms, reverse, forward };
}
process.stdout.write(JSON.stringify(out));
`;

function jacobians() {
  return JSON.parse(spawnSync(NODE, ['--input-type=module', '-e', JACOBIAN_SCRIPT], { encoding: 'utf8' }).stdout);
}

// ---------- 8. fit ----------
/** y = 2.5·exp(−1.3·x) + 0.5 + noise on x in [0, 4): the model a*exp(-k*x) + c. */
function makeFitRows(path, n) {
  let s = 0x2545f491;
  const rnd = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 2 ** 32; };
  const parts = ['x,y\n'];
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const x = 4 * rnd();
    chunk += `${x},${2.5 * Math.exp(-1.3 * x) + 0.5 + 0.01 * (rnd() - 0.5)}\n`;
    if (chunk.length > 1 << 20) { parts.push(chunk); chunk = ''; }
  }
  parts.push(chunk);
  writeFileSync(path, parts.join(''));
}

const FIT_SCRIPT = `
import { readFileSync } from 'node:fs';
import { fit } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
const lines = readFileSync(process.argv[1], 'utf8').trim().split('\\n').slice(1);
const x = new Float64Array(lines.length), y = new Float64Array(lines.length);
lines.forEach((l, i) => { const c = l.indexOf(','); x[i] = Number(l.slice(0, c)); y[i] = Number(l.slice(c + 1)); });
const run = (steps) => { const t = performance.now(); fit('a*exp(-k*x) + c', { x, y }, { y: 'y', at: { a: 1, k: 1, c: 0 }, steps }); return performance.now() - t; };
const fitMs = run(undefined);
const passMs = (run(11) - run(1)) / 10;
process.stdout.write(JSON.stringify({ fitMs, passMs }));
`;

const SCIPY_FIT = `
import json, sys, time
t0 = time.perf_counter()
import numpy as np
from scipy.optimize import curve_fit
d = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1)
p, cov = curve_fit(lambda x, a, k, c: a*np.exp(-k*x) + c, d[:, 0], d[:, 1], p0=[1, 1, 0])
print(json.dumps({"ms": 1000*(time.perf_counter() - t0), "parameters": list(p)}))
`;

function fitBench() {
  const rows = quick ? 200_000 : 1_000_000;
  const file = join(tmp, 'fit.csv');
  makeFitRows(file, rows);
  const model = 'a*exp(-k*x) + c';
  const fitArgs = [BIN, 'fit', model, '--data', file, '--y', 'y', '--at', 'a=1,k=1,c=0', '--json'];
  const runs = quick ? 1 : 3;
  const median3 = (args, options) => { const t = []; for (let i = 0; i < runs; i++) t.push(timeProcess(args, options)); return median(t); };
  let result;
  let oneThread;
  // Side by side: the default (every core: --jobs) and --jobs 1, the same answer to the bit.
  const whole = []; const one = [];
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    whole.push(timeProcess(fitArgs, { stdout: 'pipe', onOutput: (out) => { result = out; } }));
    one.push(timeProcess([...fitArgs, '--jobs', '1'], { stdout: 'pipe', onOutput: (out) => { oneThread = out; } }));
  }
  const wholeMs = median(whole);
  const oneThreadMs = median(one);
  const sameBits = result === oneThread;
  result = JSON.parse(result);
  const pointsMs = median3([BIN, 'eval', model, '--at', 'a=1,k=1,c=0', '--wrt', 'a,k,c', '--points', file]);
  // The compute alone, in a fresh process through the library: the whole fit, and one pass over the rows
  // (a budget of 11 passes minus a budget of 1, over 10).
  const inProcess = JSON.parse(spawnSync(NODE, ['--input-type=module', '-e', FIT_SCRIPT, file], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout);
  const r = {
    rows, model, runs, wholeMs, jobs: os.availableParallelism(), oneThreadMs, jobsRatio: ratio(wholeMs, oneThreadMs), sameBits,
    iterations: result.iterations, stopped: result.stopped, parameters: result.parameters,
    pointsMs, fitComputeMs: inProcess.fitMs, passMs: inProcess.passMs,
  };
  r.perIterationMs = inProcess.fitMs / Math.max(1, result.iterations);
  r.iterationToPointsRatio = ratio(r.perIterationMs, pointsMs);
  r.passToPointsRatio = ratio(r.passMs, pointsMs);
  r.target = 5; // p + 2 for p = 3
  r.smallFitMs = median3([BIN, 'fit', 'a*x + b', '--data', '-', '--y', 'y', '--at', 'a=1,b=0'], { input: 'x,y\n1,2.9\n2,5.1\n3,7\n4,9.1\n' });
  const python = spawnSync('python3', ['-c', 'import scipy'], { stdio: 'ignore' });
  if (python.status === 0) {
    const py = spawnSync('python3', ['-c', SCIPY_FIT, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (py.status === 0) {
      const sp = JSON.parse(py.stdout);
      const [a, k, c] = sp.parameters;
      const same = [[a, r.parameters.a], [k, r.parameters.k], [c, r.parameters.c]].every(([u, v]) => Math.abs(u - v) <= 1e-6 * Math.abs(v));
      r.scipy = { ms: sp.ms, parameters: { a, k, c }, sameToSixDigits: same };
    } else r.scipy = { skipped: `curve_fit failed: ${py.stderr.trim().split('\n').pop()}` };
  } else r.scipy = { skipped: 'SciPy is not installed' };
  r.gnuplot = { skipped: 'not compared (gnuplot fit is not scripted here)' };
  rmSync(file);
  return r;
}

// ---------- report ----------
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}`,
  loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  date: new Date().toISOString(),
};
log(`autograd bench on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, load ${machine.loadAverage.join(' ')}`);
log('1/8 cold start…');
const cold = coldStart();
log('2/8 batch throughput…');
const throughput = batch();
log('3/8 cheap gradient…');
const gradient = cheapGradient();
log('4/8 scaling…');
const scale = scaling();
log('5/8 deep chain…');
const chain = deepChain();
log('6/8 max of 100,000 arguments…');
const variadic = wideMax();
log('7/8 Jacobians: reverse or forward mode…');
const jacobian = jacobians();
log('8/8 fit…');
const fitting = fitBench();
rmSync(tmp, { recursive: true, force: true });

const results = { machine, coldStart: cold, batch: throughput, cheapGradient: gradient, scaling: scale, deepChain: chain, variadic, jacobian, fit: fitting };
const ok = (value, target) => (value <= target ? 'ok' : 'MISSED');
const rows = [
  ['cold start', `${ms(cold.autogradMs)} vs node -e "" ${ms(cold.nodeMs)} (fastest: ${ms(cold.autogradMinMs)} vs ${ms(cold.nodeMinMs)}, ${cold.ratioOfMinimums}x)`, `${cold.ratio}x`, `<= ${cold.target}x ${ok(cold.ratio, cold.target)}`],
  [`batch ${throughput.rows.toLocaleString('en')} rows, --jobs 1`, `${ms(throughput.oneThreadMs)} vs floor ${ms(throughput.floorMs)} (${throughput.floorRowsPerSec.toLocaleString('en')} rows/s)`, `${throughput.oneThreadRatio}x`, `<= ${throughput.target}x ${ok(throughput.oneThreadRatio, throughput.target)}`],
  [`batch, default (${throughput.jobs} jobs)`, `${ms(throughput.autogradMs)} (${throughput.autogradRowsPerSec.toLocaleString('en')} rows/s), ${throughput.speedup}x faster than --jobs 1`, `${throughput.ratio}x floor`, `aim <= ${throughput.jobsTarget}x ${ok(throughput.ratio, throughput.jobsTarget)}`],
  ['batch memory', `peak ${Math.round(throughput.autogradPeakRssKB / 1024)} MB (1/4 of the rows: ${Math.round(throughput.autogradPeakRssKBQuarterRows / 1024)} MB); --jobs 1: ${Math.round(throughput.oneThreadPeakRssKB / 1024)} MB (1/4: ${Math.round(throughput.oneThreadPeakRssKBQuarterRows / 1024)} MB)`, '', ''],
  ['gradient/value', `${ms(gradient.valueAndGradientMs)} vs ${ms(gradient.valueMs)} for ${gradient.points.toLocaleString('en')} points`, `${gradient.ratio}x`, `<= ${gradient.target}x ${ok(gradient.ratio, gradient.target)}`],
  ['100k nodes', `${ms(scale.nodes100k.ms)}, peak ${Math.round(scale.nodes100k.peakRssKB / 1024)} MB`, '', ''],
  ['1M nodes', `${ms(scale.nodes1m.ms)}, peak ${Math.round(scale.nodes1m.peakRssKB / 1024)} MB`, `time ${scale.timeRatio}x, memory ${scale.memoryRatio}x`, `<= ${scale.target}x ${ok(Math.max(scale.timeRatio, scale.memoryRatio), scale.target)}`],
  ['1M-deep chain', `${ms(chain.ms)}, peak ${Math.round(chain.peakRssKB / 1024)} MB`, '', ''],
  ...['tall', 'wide'].map((k) => {
    const j = jacobian[k];
    return [`Jacobian ${j.outputs}x${j.variables}`,
      `per point: reverse ${j.reverse.sweeps} sweeps ${pms(j.reverse.ms)}, forward ${j.forward.sweeps} sweeps ${pms(j.forward.ms)}; chosen: ${j.chosen}`,
      '', ''];
  }),
  ['max of 100k args', `eval ${ms(variadic.evalMs)}, one --points row ${ms(variadic.pointsRowMs)}, one optimize step ${ms(variadic.optimizeStepMs)}`, '', ''],
  [`fit ${fitting.rows.toLocaleString('en')} rows`, `lm ${fitting.model}: ${ms(fitting.wholeMs)} whole process, ${fitting.iterations} iterations (${fitting.stopped}); per iteration ${ms(fitting.perIterationMs)}, one pass ${ms(fitting.passMs)} (compute alone) vs one --points pass ${ms(fitting.pointsMs)} (whole process)`, `${fitting.iterationToPointsRatio}x`, `<= ${fitting.target}x ${ok(fitting.iterationToPointsRatio, fitting.target)}`],
  [`fit, default (${fitting.jobs} jobs)`, `${ms(fitting.wholeMs)} vs --jobs 1 ${ms(fitting.oneThreadMs)} (whole process), same bits: ${fitting.sameBits}`, `${fitting.jobsRatio}x`, ''],
  ['small fit', `4 rows, 2 parameters: ${ms(fitting.smallFitMs)} (cold start ${ms(cold.autogradMs)})`, '', ''],
  ['SciPy curve_fit', fitting.scipy.skipped ?? `${ms(fitting.scipy.ms)}, same answer to 6 digits: ${fitting.scipy.sameToSixDigits}`, '', ''],
];
if (asJson) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else {
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  process.stdout.write(`${line(['measure', 'figures (medians)', 'ratio', 'target'])}\n${rows.map(line).join('\n')}\n`);
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('written to bench/results.json\n');
}
