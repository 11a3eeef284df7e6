// A broken derivative rule for a test, without touching the frozen op table:
// a test file mocks src/ops/table.js with swappableTable(), then runs code
// under withRule(), which swaps one entry of that test's own copy.
//
//   vi.mock('../../../src/ops/table.js', async (real) =>
//     (await import('../../helpers/op-table.js')).swappableTable(await real()));
import type { OpSpec } from '../../src/ops/spec.js';
import type * as Table from '../../src/ops/table.js';

type TableModule = typeof Table;

let copy: { ops: Record<string, OpSpec>; list: OpSpec[]; codes: ReadonlyMap<string, number> } | undefined;

/** The table module with OPS and OP_LIST replaced by mutable copies (for vi.mock). */
export function swappableTable(real: TableModule): TableModule {
  const ops: Record<string, OpSpec> = { ...real.OPS };
  const list = [...real.OP_LIST];
  copy = { ops, list, codes: real.OP_CODE };
  return { ...real, OPS: ops as TableModule['OPS'], OP_LIST: list };
}

/** Runs `body` with op `name` replaced by `spec` in the mocked table, then restores it. */
export async function withRule<T>(name: string, spec: OpSpec, body: () => Promise<T>): Promise<T> {
  if (copy === undefined) throw new Error('withRule needs vi.mock of src/ops/table.js with swappableTable');
  const code = copy.codes.get(name as never);
  const original = copy.ops[name];
  if (code === undefined || original === undefined) throw new Error(`no op ${name}`);
  copy.ops[name] = spec;
  copy.list[code] = spec;
  try {
    return await body();
  } finally {
    copy.ops[name] = original;
    copy.list[code] = original;
  }
}
