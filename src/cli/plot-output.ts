// Plots written to a file (-o, optimize --plot): the format from the
// extension, checked before any work; the plotting kit loaded only now; the
// file written atomically (PNG through the same resvg path as --dot).
import { UsageError } from '../errors.js';
import { checkFolder, writeFileAtomic } from '../io/atomic-write.js';
import type { Objective } from '../calculus/descent.js';
import type { Figure } from '../render/plot/figure.js';
import { quoteText } from '../syntax/unshowable.js';

export type PlotFormat = 'svg' | 'png';

export interface PlotTarget {
  readonly path: string;
  readonly format: PlotFormat;
}

/** Validates a plot file name: .svg or .png, in an existing folder (exit 2 before anything runs). */
export function parsePlotTarget(flag: string, path: string | undefined): PlotTarget | undefined {
  if (path === undefined) return undefined;
  const ext = /\.[^./\\]*$/.exec(path)?.[0]?.toLowerCase() ?? '';
  if (ext !== '.svg' && ext !== '.png') {
    const got = ext === '' ? 'no extension' : `unknown extension '${quoteText(ext)}'`;
    throw new UsageError(`${flag} '${quoteText(path)}': ${got} (expected .svg or .png)`);
  }
  checkFolder(path, flag);
  return { path, format: ext === '.svg' ? 'svg' : 'png' };
}

/** The plotting kit (sampling, figures, SVG, terminal text), loaded on first use. */
export function loadPlotKit(): Promise<typeof import('../render/plot/index.js')> {
  // NOTE: build.mjs bundles this module apart (dist/plot.mjs, with d3): eval never loads it.
  return import('../render/plot/index.js');
}

/** Writes a figure as the target asks. */
export async function writePlot(target: PlotTarget, figure: Figure): Promise<void> {
  const { figureToSvg } = await loadPlotKit();
  const svg = figureToSvg(figure);
  if (target.format === 'svg') return writeFileAtomic(target.path, svg);
  const { renderPng } = await import('../render/picture.js');
  return writeFileAtomic(target.path, await renderPng(svg));
}

/** Writes the value over the steps of a run. */
export async function writeStepsPlot(target: PlotTarget, record: StepRecord, label: string): Promise<void> {
  const { stepsFigure } = await loadPlotKit();
  const { steps, values } = record.series();
  return writePlot(target, stepsFigure(steps, values, label));
}

/**
 * The value at each step of a run, at most `limit` of them: when full, every
 * other one is dropped and from then on only every second (fourth, …) step is
 * kept. The last value is always kept.
 */
export class StepRecord {
  private steps: number[] = [];
  private values: number[] = [];
  private stride = 1;
  private count = 0;
  private last: readonly [number, number] | undefined;

  constructor(private readonly limit = 2000) {}

  /**
   * The objective, recording each value it returns with a finite gradient: the
   * start, then one per step taken (optimize takes no step to a non-finite
   * value or gradient, and ends the run there).
   */
  static watch(objective: Objective, record: StepRecord | undefined): Objective {
    if (record === undefined) return objective;
    return {
      size: objective.size,
      evaluate(point, grad) {
        const value = objective.evaluate(point, grad);
        if (Number.isFinite(value) && grad.every(Number.isFinite)) record.add(value);
        return value;
      },
    };
  }

  add(value: number): void {
    const step = this.count++;
    this.last = [step, value];
    if (step % this.stride !== 0) return;
    if (this.steps.length >= this.limit) {
      this.steps = this.steps.filter((_, i) => i % 2 === 0);
      this.values = this.values.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
      if (step % this.stride !== 0) return;
    }
    this.steps.push(step);
    this.values.push(value);
  }

  /** The kept steps and values, with the last one. */
  series(): { steps: number[]; values: number[] } {
    const steps = [...this.steps];
    const values = [...this.values];
    if (this.last !== undefined && steps[steps.length - 1] !== this.last[0]) {
      steps.push(this.last[0]);
      values.push(this.last[1]);
    }
    return { steps, values };
  }
}
