// The library API reference: every export of src/index.ts is documented with
// an example, docs/API.md is what `npm run docs` would write, and the examples
// run and state true results.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as library from '../../../src/index.js';
import type ts from 'typescript';
import { collectApi, createApiProgram, ENTRY, OUTPUT, renderApiDocs, type ApiEntry } from '../../../scripts/api-docs.js';
import { normalize, referencedTypes, runExample, typeCheckExamples } from './doc-examples.js';

let program: ts.Program;
let entries: ApiEntry[];
beforeAll(() => {
  program = createApiProgram();
  entries = collectApi(program);
}, 60_000);

/** The functions SPEC §7 names, plus diff and hessian: their examples must state results. */
const CORE = ['parse', 'evaluate', 'gradient', 'toDot', 'diff', 'hessian'];

/**
 * Types the API mentions but does not export, on purpose: the parts of an
 * OpSpec (narrow an OpSpec by its `arity` instead of naming them).
 */
const INTERNAL_TYPES = new Set(['UnarySpec', 'BinarySpec', 'VariadicSpec', 'ExprOps', 'InfixSyntax', 'PrefixSyntax', 'OpCommon']);

describe('API reference', () => {
  it('enumerates every runtime export of src/index.ts', () => {
    const runtime = entries.filter((e) => e.kind !== 'type').map((e) => e.name).sort();
    expect(runtime).toEqual(Object.keys(library).sort());
    for (const name of CORE) expect(entries.map((e) => e.name)).toContain(name);
  });

  it('every exported function, class and constant has a summary and an @example', () => {
    const missing = entries
      .filter((e) => e.kind !== 'type' && (e.doc === '' || e.examples.length === 0))
      .map((e) => `${e.kind} ${e.name} (${e.file})`);
    expect(missing).toEqual([]);
  });

  it('every exported type has a summary', () => {
    const missing = entries.filter((e) => e.kind === 'type' && e.doc === '').map((e) => `${e.name} (${e.file})`);
    expect(missing).toEqual([]);
  });

  it('every type the exported signatures mention is exported too (or deliberately internal)', () => {
    const exported = new Set(entries.map((e) => e.name));
    const missing = [...referencedTypes(program, ENTRY)]
      .filter(([name]) => !exported.has(name) && !INTERNAL_TYPES.has(name))
      .map(([name, users]) => `${name} (in ${users.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('docs/API.md is current (run `npm run docs` after changing a doc comment or an export)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(renderApiDocs(entries));
  });

  it('the examples run and their stated results hold', () => {
    const failures: string[] = [];
    const checked = new Map<string, number>();
    for (const e of entries) {
      for (const ex of e.examples) {
        const run = runExample(ex.code, library);
        checked.set(e.name, (checked.get(e.name) ?? 0) + run.checked);
        for (const f of run.failures) failures.push(`${e.name}: ${f.line}\n    ${f.problem}`);
      }
    }
    expect(failures).toEqual([]);
    for (const name of CORE) expect(checked.get(name), name).toBeGreaterThan(0);
    // Every function and class states at least one result, so no example is decoration.
    const unchecked = entries.filter((e) => e.kind !== 'type' && (checked.get(e.name) ?? 0) === 0).map((e) => e.name);
    expect(unchecked).toEqual([]);
  });

  it('the examples type-check as strict TypeScript', () => {
    const examples = entries.flatMap((e) => e.examples.map((ex) => ({ name: e.name, code: ex.code })));
    const exports = entries.map((e) => ({ name: e.name, isType: e.kind === 'type' }));
    expect(typeCheckExamples(program, ENTRY, examples, exports)).toEqual([]);
  });
});

describe('example runner', () => {
  it('catches a wrong stated result, a wrong error and a statement with a result', () => {
    expect(runExample("evaluate('x*2', { x: 3 }).value // 6", library).failures).toEqual([]);
    expect(runExample("evaluate('x*2', { x: 3 }).value // 7", library).failures).toHaveLength(1);
    expect(runExample("parse('1 +') // throws NameError", library).failures).toHaveLength(1);
    expect(runExample("parse('1') // throws ParseError", library).failures).toHaveLength(1);
    expect(runExample("const v = 1; // 1", library).failures).toHaveLength(1);
    expect(runExample('undefinedName.x', library).failures).toHaveLength(1);
    expect(runExample("const v = 1\n[v].length // 1", library).failures).toHaveLength(1);
  });

  it('reports a type error in an example', () => {
    const errors = typeCheckExamples(program, ENTRY, [{ name: 'evaluate', code: "evaluate(1, { x: 2 }).value // 2" }],
      [{ name: 'evaluate', isType: false }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('evaluate(1, { x: 2 })');
  });

  it('compares printed values up to layout', () => {
    expect(normalize("Map(2) { 'a' => 9, 'b' => 12 }")).toBe(normalize("Map { 'a' => 9, 'b' => 12 }"));
    expect(normalize('[ [ 0, 4 ], [ 4, 2 ] ]')).toBe(normalize('[[0, 4], [4, 2]]'));
    expect(normalize('[ 1, 2 ]')).not.toBe(normalize('[12]'));
  });
});
