// Runs the @example blocks of the API reference against the library. A line
// `expr // result` checks that expr evaluates to result as util.inspect prints
// it (whitespace and collection sizes aside); `expr // throws Name: message`
// checks the error. Every other line runs as written, so a block must run.
import { transformSync } from 'esbuild';
import { dirname, join, relative } from 'node:path';
import { inspect } from 'node:util';
import ts from 'typescript';

export interface ExampleFailure {
  readonly line: string;
  readonly problem: string;
}

export interface ExampleRun {
  /** Lines whose stated result was compared. */
  readonly checked: number;
  readonly failures: readonly ExampleFailure[];
}

const THROWS = /^throws (\w+)(?::\s*(.*))?$/;
const STATEMENT_START = /^(const|let|var|if|for|while|try|return|throw|import|export|function|class)\b|^[{}]/;

/** Printed form of a value, with layout differences removed. */
export function normalize(text: string): string {
  return text
    .replace(/\b(Map|Set|\w*Array)\(\d+\)/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/([[{(]) /g, '$1')
    .replace(/ ([\]})])/g, '$1')
    .trim();
}

/** `code` and the stated result of a line `code // result`, if it has one. */
function splitLine(line: string): { code: string; stated: string } | undefined {
  const at = line.indexOf(' // ');
  if (at < 0) return undefined;
  return { code: line.slice(0, at).trim(), stated: line.slice(at + 4).trim() };
}

/** An example as checkable code: each stated result became a `__check` or `__throws` call. */
export interface PreparedExample {
  readonly body: string;
  readonly checks: ReadonlyArray<{ readonly line: string; readonly stated: string }>;
  /** Problems found in the text itself. */
  readonly failures: readonly ExampleFailure[];
}

/** Import lines are dropped: the example may show them, the names come from the library. */
export function prepareExample(code: string): PreparedExample {
  const failures: ExampleFailure[] = [];
  const lines = code.split('\n').filter((l) => !/^\s*import\s/.test(l));
  const checks: Array<{ line: string; stated: string }> = [];
  const body = lines.map((line) => {
    // A line starting with ( [ or ` would continue the line before it without a semicolon.
    if (/^\s*[[(`]/.test(line)) failures.push({ line, problem: 'starts with ( [ or `: it would join the line before' });
    const parts = splitLine(line);
    if (parts === undefined) return line;
    const k = checks.length;
    checks.push({ line, stated: parts.stated });
    if (STATEMENT_START.test(parts.code) || parts.code.endsWith(';')) {
      failures.push({ line, problem: 'a stated result needs an expression, not a statement' });
      return parts.code;
    }
    return THROWS.test(parts.stated)
      ? `__throws(${k}, () => (${parts.code}));`
      : `__check(${k}, (${parts.code}));`;
  }).join('\n');
  return { body, checks, failures };
}

/** Runs one example with every name of `library` in scope. */
export function runExample(code: string, library: Readonly<Record<string, unknown>>): ExampleRun {
  const { body, checks, failures: found } = prepareExample(code);
  const failures = [...found];
  const check = (k: number, actual: unknown): void => {
    const { line, stated } = checks[k]!;
    const printed = inspect(actual, { depth: null, breakLength: Infinity, maxArrayLength: null, maxStringLength: null });
    if (normalize(printed) !== normalize(stated)) failures.push({ line, problem: `got ${printed}` });
  };
  const throws = (k: number, f: () => unknown): void => {
    const { line, stated } = checks[k]!;
    const [, name, message] = THROWS.exec(stated)!;
    try {
      const got = f();
      failures.push({ line, problem: `returned ${inspect(got)} instead of throwing` });
    } catch (err) {
      const e = err as Error;
      if (e.name !== name) failures.push({ line, problem: `threw ${e.name}: ${e.message}` });
      else if (message !== undefined && e.message !== message) failures.push({ line, problem: `threw ${e.name}: ${e.message}` });
    }
  };
  let js: string;
  try {
    js = transformSync(body, { loader: 'ts', format: 'esm', target: 'node20' }).code;
  } catch (err) {
    return { checked: 0, failures: [{ line: code, problem: `does not compile: ${(err as Error).message}` }] };
  }
  const names = Object.keys(library);
  try {
    // The snippet is the doc comment's own code: run it as a function body over the library's exports.
    const run = new Function('__library', '__check', '__throws', `const { ${names.join(', ')} } = __library;\n${js}`);
    run(library, check, throws);
  } catch (err) {
    failures.push({ line: code, problem: `threw ${(err as Error).name}: ${(err as Error).message}` });
  }
  return { checked: checks.length, failures };
}

/**
 * Type-checks every example as strict TypeScript against src/index.ts: one
 * module importing every export, each example in its own block. `base` is a
 * program over src/index.ts whose parsed files are reused. Returns the errors.
 */
export function typeCheckExamples(
  base: ts.Program,
  entry: string,
  examples: ReadonlyArray<{ readonly name: string; readonly code: string }>,
  exports: ReadonlyArray<{ readonly name: string; readonly isType: boolean }>,
): string[] {
  const file = join(dirname(entry), '..', 'test', 'unit', 'api', '__doc-examples__.ts');
  const imports = exports.map((e) => (e.isType ? `type ${e.name}` : e.name)).join(', ');
  const text = [
    `import { ${imports} } from '${relative(dirname(file), entry).split('\\').join('/').replace(/\.ts$/, '.js')}';`,
    'declare function __check(k: number, value: unknown): void;',
    'declare function __throws(k: number, f: () => unknown): void;',
    ...examples.map((ex) => `// ${ex.name}\n{\n${prepareExample(ex.code).body}\n}`),
  ].join('\n');
  // The harness imports every export whether an example uses it or not.
  const options = { ...base.getCompilerOptions(), noUnusedLocals: false };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === file
    ? ts.createSourceFile(name, text, version)
    : getSourceFile(name, version, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([...base.getRootFileNames(), file], options, host, base);
  const sf = program.getSourceFile(file)!;
  const lines = text.split('\n');
  return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
    const line = d.start !== undefined ? sf.getLineAndCharacterOfPosition(d.start).line : 0;
    return `${lines[line]!.trim()}\n    ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * Names of types declared in src/ that the exported declarations of `entry`
 * mention (parameter, return, property and heritage types; not bodies or
 * private members), each with the exports that mention it.
 */
export function referencedTypes(program: ts.Program, entry: string): Map<string, string[]> {
  const checker = program.getTypeChecker();
  const srcDir = dirname(entry);
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const found = new Map<string, string[]>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const stack: ts.Node[] = [...(symbol.declarations ?? [])];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (ts.isClassElement(node) && (ts.getCombinedModifierFlags(node as unknown as ts.Declaration)
        & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0) continue;
      // Signature parts only: bodies and initializers are not part of the API.
      if (ts.isBlock(node)) continue;
      if (ts.isPropertyDeclaration(node) || ts.isVariableDeclaration(node) || ts.isParameter(node)) {
        if (node.type !== undefined) stack.push(node.type);
        else if (node.initializer !== undefined && ts.isSatisfiesExpression(node.initializer)) stack.push(node.initializer.type);
        continue;
      }
      if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
        const at = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
        let target = checker.getSymbolAtLocation(at);
        if (target !== undefined && target.flags & ts.SymbolFlags.Alias) target = checker.getAliasedSymbol(target);
        const decl = target?.declarations?.[0];
        if (target !== undefined && decl !== undefined && decl.getSourceFile().fileName.startsWith(srcDir)) {
          const users = found.get(target.name) ?? [];
          if (!users.includes(exported.name)) users.push(exported.name);
          found.set(target.name, users);
        }
      }
      node.forEachChild((child) => { stack.push(child); });
    }
  }
  return found;
}
