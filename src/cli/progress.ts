// A progress bar for long runs, on stderr and only on a TTY: it appears once a
// run has lasted half a second, redraws at most ten times a second, and is
// erased at the end, so short runs and pipes never see it.
import type { OutStream } from './context.js';

const WIDTH = 30;

export class ProgressBar {
  private readonly start: number;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly stream: OutStream,
    private readonly total: number,
    private readonly label: string,
    private readonly now: () => number = () => performance.now(),
    private readonly delayMs = 500,
  ) {
    this.start = now();
  }

  /** Records progress; cheap enough to call on every step. */
  tick(done: number): void {
    if ((done & 1023) !== 0) return;
    const t = this.now();
    if (t - this.start < this.delayMs || t - this.lastDraw < 100) return;
    this.lastDraw = t;
    const share = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const full = Math.round(share * WIDTH);
    const bar = '█'.repeat(full) + '░'.repeat(WIDTH - full);
    this.stream.write(`\r${this.label} ${bar} ${Math.floor(share * 100)}% ${done}/${this.total}`);
    this.drawn = true;
  }

  /** Erases the bar if it was ever drawn. */
  finish(): void {
    if (this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}
