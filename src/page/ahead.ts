// The engine's generated code compiled ahead of time, for the page (see
// scripts/page-ahead.ts): build.mjs puts the real table in place of this
// empty one when it bundles the page. In Node nothing is compiled ahead.
import type { CompiledAhead } from '../ops/calls.js';

export const AHEAD: ReadonlyMap<string, CompiledAhead> = new Map();
