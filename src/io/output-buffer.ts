// Output in large pieces with the stream's backpressure: text is collected in
// a string and written once it is large, and the writer waits for 'drain'
// whenever the stream asks it to. A stream that closes under us (| head -1)
// ends the run quietly: `closed` turns true and further text is dropped.

/** The part of a Node writable stream this needs. */
export interface WritableLike {
  write(chunk: string | Uint8Array): boolean | unknown;
  once?(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener?(event: string, listener: (...args: unknown[]) => void): unknown;
  readonly writableNeedDrain?: boolean;
  readonly destroyed?: boolean;
}

const FLUSH_AT = 1 << 16;

export class OutputBuffer {
  private text = '';
  /** True once the reader went away. */
  closed = false;
  private lastWrite = performance.now();

  constructor(private readonly stream: WritableLike, private readonly flushAt = FLUSH_AT) {}

  /** Appends text; call flushIfFull() at a convenient point (e.g. once per input chunk). */
  add(s: string): void {
    this.text += s;
  }

  get pending(): number {
    return this.text.length;
  }

  /** Writes when enough text has gathered, waiting for the stream if it is full. */
  async flushIfFull(): Promise<void> {
    if (this.text.length >= this.flushAt) await this.flush();
  }

  /**
   * Writes when enough text has gathered or `ms` milliseconds have passed since
   * the last write, so rows made slowly still reach a reader soon.
   */
  async flushIfDue(ms: number): Promise<void> {
    if (this.text.length >= this.flushAt || (this.text.length > 0 && performance.now() - this.lastWrite >= ms)) await this.flush();
  }

  /** Writes everything gathered so far and waits while the stream is full. */
  async flush(): Promise<void> {
    if (this.closed || this.stream.destroyed) {
      this.closed = true;
      this.text = '';
      return;
    }
    if (this.text.length === 0) return;
    const chunk = this.text;
    this.text = '';
    this.lastWrite = performance.now();
    const ok = this.stream.write(chunk);
    if (ok === false && this.stream.once !== undefined) await this.drained();
  }

  /** Writes what was gathered, then `bytes` as they are (UTF-8 made elsewhere), waiting while the stream is full. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    if (this.closed || bytes.length === 0) return;
    this.lastWrite = performance.now();
    const ok = this.stream.write(bytes);
    if (ok === false && this.stream.once !== undefined) await this.drained();
  }

  private drained(): Promise<void> {
    const stream = this.stream;
    return new Promise((resolve) => {
      const done = (): void => {
        stream.removeListener?.('drain', done);
        stream.removeListener?.('close', closed);
        stream.removeListener?.('error', closed);
        resolve();
      };
      const closed = (): void => {
        this.closed = true;
        done();
      };
      stream.once!('drain', done);
      stream.once!('close', closed);
      stream.once!('error', closed);
    });
  }
}
