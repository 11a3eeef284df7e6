// --dot page.html: one self-contained HTML file. The SVG is Graphviz's layout
// of the same DOT as --dot .svg, made once at write time; the graph is
// embedded as data (src/page/model.ts); the script is the browser bundle of
// src/page/main.ts (the project's own engine and number formatting), which
// build.mjs writes to dist/page.js (and its style sheet, src/page/page.css,
// to dist/page.css): both are read only when a page is
// written. A Content-Security-Policy allows the inline script and style by
// their SHA-256 hashes and nothing else: no request of any kind.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pageData, type PageSource } from '../page/model.js';
import { IN_BUNDLE } from '../syntax/tokens.js';


/** HTML text: `&`, `<`, `>` and `"` escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** JSON that is safe inside a `<script>` element: no `<` (so no `</script>`), no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The CSP source of an inline script or style: its SHA-256 hash. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's script and style sheet. */
export interface PageAssets {
  /** The browser bundle of src/page/main.ts. */
  readonly script: string;
  /** src/page/page.css. */
  readonly style: string;
}

/** A file build.mjs wrote into dist/ (read only when a page is written). */
function readAsset(name: string): Promise<string> {
  const url = IN_BUNDLE ? new URL(`./${name}`, import.meta.url) : new URL(`../../dist/${name}`, import.meta.url);
  return fsp.readFile(fileURLToPath(url), 'utf8');
}

/** The page's script and style, as build.mjs wrote them to dist/page.js and dist/page.css. */
export async function pageAssets(): Promise<PageAssets> {
  const [script, style] = await Promise.all([readAsset('page.js'), readAsset('page.css')]);
  if (/<\/script|<!--/i.test(script)) throw new Error('dist/page.js holds </script> or <!--: it cannot be inlined');
  if (/<\/style/i.test(style)) throw new Error('dist/page.css holds </style>: it cannot be inlined');
  return { script, style };
}

/** The SVG element alone, from Graphviz's document (no XML declaration, doctype or comments before it). */
function svgElement(svg: string): string {
  const at = svg.indexOf('<svg');
  return at < 0 ? svg : svg.slice(at);
}

/** The whole page: `svg` is Graphviz's drawing of `built` (--dot .svg), `source` the program text. */
export function pageHtml(built: PageSource, source: string, svg: string, { script, style }: PageAssets): string {
  const data = scriptJson(pageData(built, source));
  const csp = `default-src 'none'; script-src ${cspHash(script)}; style-src ${cspHash(style)}; ` +
    "img-src 'none'; base-uri 'none'; form-action 'none'";
  const out = escapeHtml(built.outputName);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>autograd: ${out}</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>autograd: the graph of ${out}, live</h1>
<pre class="program" aria-label="The program">${escapeHtml(source)}</pre>
<fieldset class="vars" id="variables"><legend class="visually-hidden">Variables</legend></fieldset>
<p class="problem" id="problems" role="status"></p>
<div class="controls">
<button type="button" id="previous">Previous step</button>
<button type="button" id="next">Next step</button>
<button type="button" id="full">Full view</button>
<button type="button" id="zoom" aria-pressed="false">Actual size (1:1)</button>
</div>
<p class="step" id="step" aria-live="polite"></p>
<pre class="lines" id="lines"></pre>
<div class="legend" id="legend" aria-hidden="true"></div>
<p class="focused" id="focused" aria-live="polite"></p>
<div class="graph fit" id="graph">
${svgElement(svg)}
</div>
</main>
<script type="application/json" id="autograd-data">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}
