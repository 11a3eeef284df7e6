// The worker thread's entry (dist/worker.cjs): one script for every kind of
// parallel job, chosen by workerData.kind. Each kind's module exports a
// `serve(data)` that runs the worker's side of that job's protocol.
import { workerData } from 'node:worker_threads';
import { serve as serveFit, type FitJobData } from './fit-protocol.js';
import { servePoints, type PointsJob } from './points-worker.js';

interface Job {
  readonly kind: string;
}

const kind = (workerData as Job).kind;
switch (kind) {
  case 'fit':
    serveFit(workerData as FitJobData);
    break;
  case 'points':
    servePoints(workerData as PointsJob);
    break;
  default:
    throw new Error(`autograd worker: unknown job kind '${kind}'`);
}
