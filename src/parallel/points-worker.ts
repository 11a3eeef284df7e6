// A worker thread's side of `eval --points --jobs`: the program compiled once
// (while the main thread reads the input's start); then the input's first
// line (the CSV header, or the first JSON row), read to set up the columns
// exactly as the main thread did, answered with 'ready'; then blocks of whole
// lines in, their output text out, one message each way per block.
import { parentPort } from 'node:worker_threads';
import { PointsRows, type RowsOptions } from '../cli/points-rows.js';
import { InputError } from '../errors.js';
import type { Program } from '../syntax/ast.js';

/** What a points worker is started with (workerData). */
export interface PointsJob {
  readonly kind: 'points';
  readonly program: Program;
  readonly at: ReadonlyArray<readonly [string, number]>;
  readonly opts: RowsOptions;
  /** The input's name in messages (escaped). */
  readonly where: string;
  /** Shared: the number of workers ready, counted up by each. */
  readonly ready: Int32Array;
}

/** The input's first non-blank line, without its line break, and its number: the first message. */
export interface PointsFirstLine {
  readonly text: string;
  readonly line: number;
}

/** Lines of the input: `line` is the number of the first; only the last block may end without a line break. */
export interface PointsBlock {
  readonly seq: number;
  readonly bytes: Uint8Array;
  readonly line: number;
  readonly last: boolean;
}

/** A block's output (UTF-8) and what the main thread adds up; `error` when a row stopped it (out holds the rows before it). */
export interface PointsResult {
  readonly seq: number;
  readonly out: Uint8Array;
  readonly rows: number;
  readonly nonFiniteRows: number;
  readonly firstNonFinite: string;
  readonly error?: { readonly message: string; readonly line: number | undefined } | undefined;
  /** A fault of the program (not of the input): the main thread reports it as an internal error. */
  readonly crash?: string | undefined;
}

export function servePoints(job: PointsJob): void {
  const port = parentPort!;
  let text = '';
  const rows = new PointsRows(job.program, new Map(job.at), job.opts, job.where, (s) => { text += s; }, () => {});
  const reader = rows.reader;
  let primed = false;
  port.on('message', (message: PointsFirstLine | PointsBlock) => {
    if (!primed) {
      // The first line again, as the main thread read it: the same columns, the same compiled program.
      const first = message as PointsFirstLine;
      primed = true;
      reader.line = first.line - 1;
      reader.push(`${first.text}\n`);
      Atomics.add(job.ready, 0, 1);
      port.postMessage('ready');
      return;
    }
    const block = message as PointsBlock;
    text = '';
    rows.nonFiniteRows = 0;
    rows.firstNonFinite = '';
    reader.rows = 0;
    reader.line = block.line - 1;
    let error: PointsResult['error'];
    let crash: string | undefined;
    try {
      reader.push(block.bytes);
      if (block.last) reader.end();
    } catch (e) {
      if (e instanceof InputError) error = { message: e.message, line: e.line };
      else crash = e instanceof Error ? e.stack ?? e.message : String(e);
    }
    // Buffer.from encodes a long string faster than TextEncoder; a short one may share a pool, so it is copied out.
    const made = Buffer.from(text);
    const out = made.byteOffset === 0 && made.buffer.byteLength === made.length ? made : Uint8Array.from(made);
    text = '';
    const result: PointsResult = {
      seq: block.seq, out, rows: reader.rows, nonFiniteRows: rows.nonFiniteRows, firstNonFinite: rows.firstNonFinite, error, crash,
    };
    port.postMessage(result, [out.buffer]);
  });
}
