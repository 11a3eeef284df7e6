// The part of @aduh95/viz.js (Graphviz in WebAssembly) we use. Its own types
// are not reachable through its package.json "exports" under NodeNext.
declare module '@aduh95/viz.js' {
  import type { Worker } from 'node:worker_threads';

  export default class Viz {
    constructor(options: { worker: Worker });
    renderString(src: string, options?: { format?: 'svg' | 'dot' | 'json'; engine?: 'dot' | 'neato' }): Promise<string>;
  }
}
