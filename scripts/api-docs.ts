// The library API reference, docs/API.md, generated from src/index.ts with the
// TypeScript compiler API: every export's signature (as written in the source),
// its doc comment and its @example blocks. `npm run docs` rewrites the file;
// test/unit/api/ checks that it is current and that the examples hold.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = join(ROOT, 'src', 'index.ts');
export const OUTPUT = join(ROOT, 'docs', 'API.md');

export type ApiKind = 'function' | 'class' | 'constant' | 'type';

export interface ApiExample {
  /** The code of one @example tag. */
  readonly code: string;
}

export interface ApiEntry {
  readonly name: string;
  readonly kind: ApiKind;
  /** Source file of the declaration, relative to the repository root. */
  readonly file: string;
  /** The declaration as TypeScript, without bodies. */
  readonly signature: string;
  /** Doc comment text before the tags ('' when there is none). */
  readonly doc: string;
  readonly examples: readonly ApiExample[];
}

/** The functions SPEC §7 names first, then the rest in the order src/index.ts exports them. */
const LEAD = ['parse', 'evaluate', 'gradient', 'diff', 'hessian', 'toDot'];

const SECTIONS: ReadonlyArray<readonly [ApiKind, string]> = [
  ['function', 'Functions'],
  ['class', 'Classes'],
  ['constant', 'Constants'],
  ['type', 'Types'],
];

function compilerOptions(): ts.CompilerOptions {
  const configFile = join(ROOT, 'tsconfig.json');
  const read = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true };
}

function isPrivate(member: ts.ClassElement): boolean {
  const flags = ts.getCombinedModifierFlags(member as unknown as ts.Declaration);
  if ((flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0) return true;
  return member.name !== undefined && ts.isPrivateIdentifier(member.name);
}

/** Source text from after the leading doc comment up to (not including) the body. */
function head(node: ts.Node, body: ts.Node | undefined, sf: ts.SourceFile): string {
  const end = body !== undefined ? body.getStart(sf) : node.getEnd();
  return sf.text.slice(node.getStart(sf), end).trim().replace(/;$/, '');
}

function stripExport(text: string): string {
  return text.replace(/^export\s+(declare\s+)?/, '');
}

/** The first sentence-line of a declaration's doc comment, for class members. */
function memberSummary(node: ts.Node, checker: ts.TypeChecker): string {
  const name = (node as ts.NamedDeclaration).name;
  const sym = name !== undefined ? checker.getSymbolAtLocation(name) : undefined;
  if (sym === undefined) return '';
  return ts.displayPartsToString(sym.getDocumentationComment(checker)).split('\n')[0]!.trim();
}

function classSignature(decl: ts.ClassDeclaration, sf: ts.SourceFile, checker: ts.TypeChecker): string {
  const heritage = decl.heritageClauses?.map((h) => ` ${h.getText(sf)}`).join('') ?? '';
  const lines = [`class ${decl.name!.text}${heritage} {`];
  const add = (summary: string, text: string): void => {
    if (summary !== '') lines.push(`  /** ${summary} */`);
    lines.push(`  ${text.replace(/\s*\n\s*/g, ' ')};`);
  };
  for (const member of decl.members) {
    if (isPrivate(member)) continue;
    if (ts.isConstructorDeclaration(member)) {
      const params = member.parameters.map((p) => p.getText(sf).replace(/^(public|readonly|private|protected)\s+/g, ''));
      add('', `constructor(${params.join(', ')})`);
      // Parameter properties (`readonly id: number`) are fields too.
      for (const p of member.parameters) {
        if (ts.getCombinedModifierFlags(p) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        if (!ts.isParameterPropertyDeclaration(p, member)) continue;
        const type = p.type !== undefined ? p.type.getText(sf) : checker.typeToString(checker.getTypeAtLocation(p));
        const ro = (ts.getCombinedModifierFlags(p) & ts.ModifierFlags.Readonly) !== 0 ? 'readonly ' : '';
        add(memberSummary(p, checker), `${ro}${p.name.getText(sf)}: ${type}`);
      }
    } else if (ts.isPropertyDeclaration(member)) {
      const type = member.type !== undefined ? member.type.getText(sf) : checker.typeToString(checker.getTypeAtLocation(member));
      const ro = (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Readonly) !== 0 ? 'readonly ' : '';
      const st = (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static) !== 0 ? 'static ' : '';
      add(memberSummary(member, checker), `${st}${ro}${member.name.getText(sf)}: ${type}`);
    } else if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
      add(memberSummary(member, checker), head(member, member.body, sf));
    }
  }
  lines.push('}');
  return lines.join('\n');
}

function variableSignature(decl: ts.VariableDeclaration, sf: ts.SourceFile, checker: ts.TypeChecker): string {
  const name = decl.name.getText(sf);
  if (decl.type !== undefined) return `const ${name}: ${decl.type.getText(sf)}`;
  const init = decl.initializer;
  // A table literal would print as its whole inferred type: show the shape it satisfies.
  if (init !== undefined && ts.isSatisfiesExpression(init)) return `const ${name} = { … } satisfies ${init.type.getText(sf)}`;
  if (init !== undefined && ts.isAsExpression(init)) return `const ${name}: ${init.type.getText(sf)}`;
  return `const ${name}: ${checker.typeToString(checker.getTypeAtLocation(decl))}`;
}

function describe(decl: ts.Declaration, checker: ts.TypeChecker): { kind: ApiKind; signature: string } | undefined {
  const sf = decl.getSourceFile();
  if (ts.isFunctionDeclaration(decl)) return { kind: 'function', signature: stripExport(head(decl, decl.body, sf)) };
  if (ts.isClassDeclaration(decl)) return { kind: 'class', signature: classSignature(decl, sf, checker) };
  if (ts.isVariableDeclaration(decl)) return { kind: 'constant', signature: variableSignature(decl, sf, checker) };
  if (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl)) {
    return { kind: 'type', signature: stripExport(decl.getText(sf)) };
  }
  return undefined;
}

function tagText(tag: ts.JSDocTagInfo): string {
  return ts.displayPartsToString(tag.text).replace(/^\n+/, '').trimEnd();
}

/** A TypeScript program over src/index.ts (one per call: a few hundred milliseconds). */
export function createApiProgram(): ts.Program {
  return ts.createProgram([ENTRY], compilerOptions());
}

/** Every export of src/index.ts, in the order the reference lists them. */
export function collectApi(program: ts.Program = createApiProgram()): ApiEntry[] {
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(ENTRY);
  if (entry === undefined) throw new Error(`cannot read ${ENTRY}`);
  const moduleSymbol = checker.getSymbolAtLocation(entry)!;
  const entries: ApiEntry[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    if (decl === undefined) throw new Error(`export ${exported.name} has no declaration`);
    const described = describe(decl, checker);
    if (described === undefined) throw new Error(`export ${exported.name}: unsupported declaration kind ${ts.SyntaxKind[decl.kind]}`);
    const tags = symbol.getJsDocTags(checker);
    entries.push({
      name: exported.name,
      ...described,
      file: relative(ROOT, decl.getSourceFile().fileName).split('\\').join('/'),
      doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
      examples: tags.filter((t) => t.name === 'example').map((t) => ({ code: tagText(t) })),
    });
  }
  const rank = (e: ApiEntry): number => {
    const lead = LEAD.indexOf(e.name);
    return lead >= 0 ? lead : LEAD.length;
  };
  // Array.prototype.sort is stable: the rest keep src/index.ts order.
  return entries.sort((a, b) => rank(a) - rank(b));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to '-', repeats numbered. */
function slugger(): (heading: string) => string {
  const seen = new Map<string, number>();
  return (heading) => {
    const base = heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const n = seen.get(base);
    seen.set(base, (n ?? -1) + 1);
    return n === undefined ? base : `${base}-${n + 1}`;
  };
}

/** Doc text as Markdown: `{@link X}` becomes a link to X's section. */
function docMarkdown(text: string, anchors: ReadonlyMap<string, string>): string {
  return text.replace(/\{@link\s+([^}\s|]+)\s*\}/g, (_, target: string) => {
    const a = anchors.get(target);
    return a !== undefined ? `[\`${target}\`](#${a})` : `\`${target}\``;
  });
}

/** docs/API.md as text. */
export function renderApiDocs(entries: readonly ApiEntry[] = collectApi()): string {
  const slug = slugger();
  const title = 'Library API reference';
  slug(title);
  // Anchors in document order: section headings and entry headings share one namespace.
  const anchors = new Map<string, string>();
  const sections = SECTIONS.map(([kind, heading]) => ({ heading, list: entries.filter((e) => e.kind === kind) }))
    .filter((s) => s.list.length > 0);
  for (const section of sections) {
    slug(section.heading);
    for (const e of section.list) anchors.set(e.name, slug(e.name));
  }
  const link = (name: string): string => `[\`${name}\`](#${anchors.get(name)!})`;
  const out: string[] = [
    `# ${title}`,
    '',
    '<!-- Generated from the doc comments of src/index.ts by scripts/api-docs.ts: run `npm run docs`, do not edit. -->',
    '',
    "Everything below is exported by the package's main module:",
    '',
    '```ts',
    "import { parse, evaluate, gradient, diff, hessian, toDot } from 'autograd';",
    '```',
    '',
    'The examples are run by the test suite (test/unit/api/): `expr // result` means',
    'that `expr` evaluates to `result` (as Node prints it), `// throws E: message` that it throws.',
    '',
  ];
  for (const s of sections) out.push(`- ${s.heading}: ${s.list.map((e) => link(e.name)).join(', ')}`);
  for (const s of sections) {
    out.push('', `## ${s.heading}`);
    for (const e of s.list) {
      out.push('', `### ${e.name}`, '');
      if (e.doc !== '') out.push(docMarkdown(e.doc, anchors), '');
      out.push('```ts', e.signature, '```', '');
      for (const ex of e.examples) out.push('Example:', '', '```ts', ex.code, '```', '');
      out.push(`Defined in [${e.file}](../${e.file}).`);
    }
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = renderApiDocs();
  const before = (() => {
    try { return readFileSync(OUTPUT, 'utf8'); } catch { return ''; }
  })();
  writeFileSync(OUTPUT, text);
  process.stdout.write(`${relative(ROOT, OUTPUT)} ${before === text ? 'unchanged' : 'written'}\n`);
}
