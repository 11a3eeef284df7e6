// The live page's script (bundled by build.mjs into dist/page.js, inlined by
// render/page.ts): rebuilds the graph from the embedded data, runs the
// project's engine (the tape loop: a strict CSP forbids generated code) on
// every change, and writes each node's data and grad into Graphviz's SVG in
// place, formatted by the same function as the CLI's pictures.
import { useCompiledAhead } from '../ops/calls.js';
import { formatNumber } from '../render/number.js';
import { AHEAD } from './ahead.js';
import { formatShort } from '../render/short-number.js';
import { formatFragment, parseFragment } from './fragment.js';
import { evaluate, graphFromData, type PageData } from './model.js';
import { buildSteps, stepView, type Step } from './steps.js';

useCompiledAhead(AHEAD);

const SVG_NS = 'http://www.w3.org/2000/svg';
const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const data = JSON.parse(byId('autograd-data').textContent ?? '') as PageData;
const g = graphFromData(data);
const out = data.outputName;

/** Graphviz's group of each value node (title `v3`) and its label, data and grad texts. */
interface Cell {
  readonly group: SVGGElement;
  readonly title: SVGTitleElement;
  readonly data: SVGTextElement;
  readonly grad: SVGTextElement;
  readonly shade: SVGRectElement | undefined;
}
const cells = new Map<number, Cell>();
/** Edges into each op node (`v0 -> v2_op`), by the op's node id, and the op's own group. */
const edgesInto = new Map<number, Array<{ readonly from: number; readonly group: SVGGElement }>>();
const opGroups = new Map<number, SVGGElement>();

for (const group of document.querySelectorAll<SVGGElement>('#graph g.node')) {
  const title = group.querySelector<SVGTitleElement>('title');
  const name = title?.textContent ?? '';
  const op = /^v(\d+)_op$/.exec(name);
  if (op !== null) { opGroups.set(Number(op[1]), group); continue; }
  const m = /^v(\d+)$/.exec(name);
  const texts = group.querySelectorAll('text');
  if (m === null || title === null || texts.length !== 3) continue;
  const id = Number(m[1]);
  group.setAttribute('tabindex', '0');
  group.dataset.node = String(id);
  cells.set(id, { group, title, data: texts[1]!, grad: texts[2]!, shade: shadeCell(group, texts[2]!) });
}
for (const group of document.querySelectorAll<SVGGElement>('#graph g.edge')) {
  const m = /^v(\d+)(?::\w+)?->v(\d+)_op$/.exec(group.querySelector('title')?.textContent ?? '');
  if (m === null) continue;
  const to = Number(m[2]);
  let list = edgesInto.get(to);
  if (list === undefined) edgesInto.set(to, (list = []));
  list.push({ from: Number(m[1]), group });
}

/** A rectangle behind the grad field (the record's last third, between its last separator and its right side). */
function shadeCell(group: SVGGElement, grad: SVGTextElement): SVGRectElement | undefined {
  const outline = group.querySelector('polygon');
  const separators = group.querySelectorAll('polyline');
  if (outline === null || separators.length < 2) return undefined;
  const xs = (el: Element): number[] => (el.getAttribute('points') ?? '').trim().split(/\s+/).map((p) => Number(p.split(',')[0]));
  const ys = (el: Element): number[] => (el.getAttribute('points') ?? '').trim().split(/\s+/).map((p) => Number(p.split(',')[1]));
  const left = Math.max(...xs(separators[separators.length - 1]!));
  const right = Math.max(...xs(outline));
  const top = Math.min(...ys(outline));
  const bottom = Math.max(...ys(outline));
  if (![left, right, top, bottom].every(Number.isFinite) || right <= left) return undefined;
  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('x', String(left + 1));
  rect.setAttribute('y', String(top + 1));
  rect.setAttribute('width', String(right - left - 2));
  rect.setAttribute('height', String(bottom - top - 2));
  rect.setAttribute('class', 'grad-cell');
  rect.setAttribute('fill', 'none');
  group.insertBefore(rect, grad);
  return rect;
}

/** The grad cell's colour: blue for positive, red for negative, stronger with the magnitude (log scale), opaque. */
function gradColour(x: number): string {
  if (!Number.isFinite(x)) return '#faf089';
  if (x === 0) return '#ffffff';
  const strength = 0.15 + 0.55 * Math.min(1, Math.log10(1 + Math.abs(x)) / 2);
  const [r, g, b] = x > 0 ? [49, 130, 206] : [229, 62, 62];
  const mix = (c: number): number => Math.round(255 + (c - 255) * strength);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

// The variables: a number field with a real label, a slider beside it, ∂out/∂VAR next to it.
const names = data.variables.map(([name]) => name);
const values = new Map<string, number>(g.variables.map(([name, v]) => [name, v.data]));
const fields = new Map<string, { readonly input: HTMLInputElement; readonly slider: HTMLInputElement; readonly grad: HTMLOutputElement; readonly problem: HTMLElement }>();
const box = byId('variables');
g.variables.forEach(([name, v], k) => {
  const row = document.createElement('div');
  row.className = 'var';
  const label = document.createElement('label');
  label.htmlFor = `var-${k}`;
  label.textContent = name;
  const input = document.createElement('input');
  Object.assign(input, { type: 'number', id: `var-${k}`, name, step: 'any' });
  const slider = document.createElement('input');
  const scale = Number.isFinite(v.data) ? Math.max(1, Math.abs(v.data)) : 1;
  const centre = Number.isFinite(v.data) ? v.data : 0;
  Object.assign(slider, { type: 'range', min: String(centre - 2 * scale), max: String(centre + 2 * scale), step: String(scale / 100), tabIndex: -1 });
  slider.setAttribute('aria-label', `${name} (slider)`);
  const grad = document.createElement('output');
  grad.htmlFor.add(input.id);
  grad.id = `grad-${k}`;
  const problem = document.createElement('span');
  problem.className = 'problem';
  problem.id = `problem-${k}`;
  problem.setAttribute('role', 'status');
  input.setAttribute('aria-describedby', `${grad.id} ${problem.id}`);
  row.append(label, input, slider, grad, problem);
  box.append(row);
  fields.set(name, { input, slider, grad, problem });
  input.addEventListener('input', () => {
    const text = input.value.trim();
    const x = text === '' || input.validity.badInput ? Number.NaN : Number(text);
    if (text === '' || Number.isNaN(x)) {
      problem.textContent = `${input.validity.badInput ? 'that' : `'${text}'`} is not a number`;
      return;
    }
    problem.textContent = '';
    values.set(name, x);
    slider.value = String(x);
    update(true);
  });
  slider.addEventListener('input', () => {
    input.value = slider.value;
    problem.textContent = '';
    values.set(name, Number(slider.value));
    update(true);
  });
});

function showInputs(): void {
  for (const [name, v] of g.variables) {
    const f = fields.get(name)!;
    const x = values.get(name)!;
    if (document.activeElement !== f.input && Number.isFinite(x)) f.input.value = formatNumber(x);
    if (Number.isFinite(x)) f.slider.value = String(x);
    f.grad.textContent = `∂${out}/∂${name} = ${formatShort(v.grad)}`;
    f.grad.title = formatNumber(v.grad);
  }
}

/** Writes node `id`'s numbers into its record: data and grad as the SVG formats them, full precision in its title. */
function showCell(id: number, known: boolean, grad: number, gradKnown: boolean): void {
  const cell = cells.get(id);
  if (cell === undefined) return;
  const v = g.nodes[id]!;
  cell.data.textContent = known ? `data ${formatShort(v.data)}` : 'data ?';
  cell.grad.textContent = gradKnown ? `grad ${formatShort(grad)}` : 'grad ?';
  cell.group.classList.toggle('pending', !known || !gradKnown);
  const name = v.label ?? (id === g.output.id ? out : '');
  const full = `${name}${name === '' ? '' : ': '}data ${known ? formatNumber(v.data) : 'not yet computed'}, ` +
    `grad ${gradKnown ? formatNumber(grad) : 'not yet computed'}`;
  cell.title.textContent = full;
  cell.group.setAttribute('aria-label', full);
  if (document.activeElement === cell.group) focusText.textContent = full;
  cell.shade?.setAttribute('fill', gradKnown ? gradColour(grad) : 'none');
}

// A focused node's full-precision numbers (hovering shows its title).
const focusText = byId('focused');
for (const cell of cells.values()) {
  cell.group.addEventListener('focus', () => { focusText.textContent = cell.title.textContent; });
  cell.group.addEventListener('blur', () => { focusText.textContent = ''; });
}

// The step-through: -1 is the full view.
let steps: Step[] = [];
let at = -1;
const stepText = byId('step');
const linesBox = byId('lines');

function showStep(): void {
  for (const c of cells.values()) c.group.removeAttribute('aria-current');
  for (const o of opGroups.values()) o.removeAttribute('aria-current');
  for (const list of edgesInto.values()) for (const e of list) e.group.classList.remove('active');
  if (at < 0) {
    for (const id of cells.keys()) showCell(id, true, g.nodes[id]!.grad, true);
    stepText.textContent = '';
    linesBox.textContent = '';
    return;
  }
  const step = steps[at]!;
  const view = stepView(g, steps, at);
  for (const id of cells.keys()) {
    const gradKnown = step.pass === 'backward' && !Number.isNaN(view.grad[id]!);
    showCell(id, view.computed[id] === 1, view.grad[id]!, gradKnown);
    if (gradKnown && view.gradDone[id] === 0) cells.get(id)!.group.classList.add('pending');
  }
  cells.get(step.node)?.group.setAttribute('aria-current', 'step');
  for (const e of edgesInto.get(step.node) ?? []) if (step.inputs.includes(e.from)) e.group.classList.add('active');
  const passName = step.pass === 'forward' ? 'Forward pass' : 'Backward pass';
  stepText.textContent = `${passName}, step ${at + 1} of ${steps.length}: ${step.text}`;
  linesBox.textContent = step.lines.join('\n');
}

/** Re-runs the engine at the current values and redraws; `share` writes the state into the URL fragment. */
function update(share: boolean): void {
  evaluate(g, values);
  steps = buildSteps(g, data.source, out);
  if (at >= steps.length) at = steps.length - 1;
  showInputs();
  showStep();
  if (share) {
    const hash = `#${formatFragment(names.map((n) => [n, values.get(n)!] as const))}`;
    try {
      history.replaceState(null, '', hash);
    } catch {
      location.replace(hash);
    }
  }
}

function readFragment(): void {
  const { values: given, problems } = parseFragment(location.hash, names);
  for (const [name, x] of given) values.set(name, x);
  byId('problems').textContent = problems.length === 0 ? '' : `In the link: ${problems.join('; ')}`;
}

function go(to: number): void {
  at = Math.max(-1, Math.min(steps.length - 1, to));
  showStep();
}

byId('next').addEventListener('click', () => go(at + 1));
byId('previous').addEventListener('click', () => go(at <= 0 ? at : at - 1));
byId('full').addEventListener('click', () => go(-1));
const zoom = byId<HTMLButtonElement>('zoom');
zoom.addEventListener('click', () => {
  const fit = byId('graph').classList.toggle('fit');
  zoom.setAttribute('aria-pressed', String(!fit));
});
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement | null;
  if (target !== null && (target.tagName === 'INPUT' || target.tagName === 'BUTTON' && event.key === 'Enter')) return;
  if (event.key === 'ArrowRight' || event.key === 'ArrowDown') go(at + 1);
  else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') go(at <= 0 ? at : at - 1);
  else if (event.key === 'Home' || event.key === 'Escape') go(-1);
  else return;
  event.preventDefault();
});
window.addEventListener('hashchange', () => {
  readFragment();
  update(false);
});

const legend = byId('legend');
for (const [text, x] of [['grad < 0', -10], ['grad 0', 0], ['grad > 0', 10]] as const) {
  const item = document.createElement('span');
  const swatch = document.createElement('i');
  swatch.style.background = gradColour(x);
  item.append(swatch, text);
  legend.append(item);
}
legend.append('colour of the grad cell: sign and size; hover or focus a node for full precision');

readFragment();
update(false);
document.documentElement.dataset.ready = 'true';
