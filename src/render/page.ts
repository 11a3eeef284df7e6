// --dot page.html: one self-contained HTML file. The SVG is Graphviz's layout
// of the same DOT as --dot .svg, made once at write time; the graph is
// embedded as data (src/page/model.ts); the script is the browser bundle of
// src/page/main.ts (the project's own engine and number formatting), which
// build.mjs writes to dist/page.js and which is read only when a page is
// written. A Content-Security-Policy allows the inline script and style by
// their SHA-256 hashes and nothing else: no request of any kind.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pageData, type PageSource } from '../page/model.js';
import { IN_BUNDLE } from '../syntax/tokens.js';

/** The page's style sheet (allowed by its hash). */
const STYLE = `
:root { color-scheme: light; --ink: #1a202c; --muted: #4a5568; --line: #cbd5e0; --accent: #2b6cb0; }
body { font: 15px/1.45 system-ui, sans-serif; color: var(--ink); margin: 0; padding: 1rem 1.25rem 2rem; background: #fff; }
h1 { font-size: 1.1rem; margin: 0 0 .5rem; }
pre.program { margin: 0 0 .75rem; max-height: 7.5em; overflow: auto; font-size: 1rem; font-weight: 600; }
pre, .vars output, .step code { font-family: ui-monospace, Menlo, Consolas, monospace; }
.vars { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: 0 0 .75rem; padding: 0; border: 0; }
.var { display: flex; align-items: center; gap: .4rem; }
.var label { font-weight: 600; font-family: ui-monospace, Menlo, Consolas, monospace; }
.var input[type=number] { width: 8.5em; font: inherit; padding: .15rem .3rem; }
.var input[type=range] { width: 8em; }
.var output { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.problem { color: #9b2c2c; font-weight: 600; }
.problem:empty { display: none; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .25rem 0 .5rem; }
button { font: inherit; padding: .2rem .7rem; border: 1px solid var(--muted); border-radius: 4px; background: #f7fafc; cursor: pointer; }
button:focus-visible, g.node:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.step { min-height: 1.5em; margin: .25rem 0; }
pre.lines { margin: 0 0 .5rem; min-height: 1.2em; white-space: pre-wrap; }
.legend { display: flex; gap: .75rem; align-items: center; color: var(--muted); font-size: .9rem; margin: .25rem 0 .5rem; }
.legend span { display: inline-flex; align-items: center; gap: .3rem; }
.legend i { display: inline-block; width: 1.1em; height: .9em; border: 1px solid var(--line); }
.focused { min-height: 1.45em; margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; color: var(--muted); }
.graph { overflow: auto; border-top: 1px solid var(--line); padding-top: .5rem; }
.graph.fit svg { max-width: 100%; height: auto; }
g.node.pending text { fill: #a0aec0; }
g.node.pending polygon, g.node.pending path { stroke-dasharray: 3 2; }
g.node[aria-current=step] > polygon, g.node[aria-current=step] > ellipse { stroke: var(--accent); stroke-width: 3.5; }
g.edge.active path { stroke: var(--accent); stroke-width: 2.5; }
g.edge.active polygon { stroke: var(--accent); fill: var(--accent); }
@media (prefers-reduced-motion: no-preference) { g.node text, rect.grad-cell { transition: fill .15s; } }
`;

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

/** The browser bundle of src/page/main.ts, as build.mjs wrote it. */
export async function pageScript(): Promise<string> {
  const url = IN_BUNDLE ? new URL('./page.js', import.meta.url) : new URL('../../dist/page.js', import.meta.url);
  const script = await fsp.readFile(fileURLToPath(url), 'utf8');
  if (/<\/script|<!--/i.test(script)) throw new Error('dist/page.js holds </script> or <!--: it cannot be inlined');
  return script;
}

/** The SVG element alone, from Graphviz's document (no XML declaration, doctype or comments before it). */
function svgElement(svg: string): string {
  const at = svg.indexOf('<svg');
  return at < 0 ? svg : svg.slice(at);
}

/** The whole page: `svg` is Graphviz's drawing of `built` (--dot .svg), `source` the program text. */
export function pageHtml(built: PageSource, source: string, svg: string, script: string): string {
  const data = scriptJson(pageData(built, source));
  const csp = `default-src 'none'; script-src ${cspHash(script)}; style-src ${cspHash(STYLE)}; ` +
    "img-src 'none'; base-uri 'none'; form-action 'none'";
  const out = escapeHtml(built.outputName);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>autograd: ${out}</title>
<style>${STYLE}</style>
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
