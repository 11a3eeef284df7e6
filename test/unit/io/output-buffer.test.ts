// OutputBuffer: text goes out in large pieces, or after a delay when it comes
// slowly; a full stream is waited for; a closed one drops the rest.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../../src/io/output-buffer.js';

/** A stream that records writes and reports itself full after each one until 'drain'. */
class FakeStream extends EventEmitter {
  readonly writes: string[] = [];
  destroyed = false;
  constructor(private readonly full = false) {
    super();
  }
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return !this.full;
  }
}

describe('OutputBuffer', () => {
  it('flushIfFull writes only once the text is large', async () => {
    const s = new FakeStream();
    const out = new OutputBuffer(s, 10);
    out.add('12345');
    await out.flushIfFull();
    expect(s.writes).toEqual([]);
    out.add('67890');
    await out.flushIfFull();
    expect(s.writes).toEqual(['1234567890']);
  });

  it('flushIfDue also writes small text once the delay has passed', async () => {
    const s = new FakeStream();
    const out = new OutputBuffer(s, 1000);
    out.add('row\n');
    await out.flushIfDue(1e9);
    expect(s.writes).toEqual([]);
    await out.flushIfDue(0);
    expect(s.writes).toEqual(['row\n']);
    await out.flushIfDue(0);
    expect(s.writes).toEqual(['row\n']);
  });

  it('waits for drain when the stream is full, and stops for good when it closes', async () => {
    const s = new FakeStream(true);
    const out = new OutputBuffer(s, 1);
    out.add('a');
    const first = out.flush();
    let done = false;
    void first.then(() => { done = true; });
    await Promise.resolve();
    expect(done).toBe(false);
    s.emit('drain');
    await first;
    expect(out.closed).toBe(false);
    out.add('b');
    const second = out.flush();
    s.emit('close');
    await second;
    expect(out.closed).toBe(true);
    out.add('c');
    await out.flush();
    expect(s.writes).toEqual(['a', 'b']);
  });
});
