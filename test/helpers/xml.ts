// A strict XML well-formedness check for test output (no dependency): tags
// nest and match, attributes are quoted and unique, text has no raw `<` or
// stray `&`. Returns the list of problems (empty when well-formed).

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ATTR = new RegExp(`\\s+(${NAME})\\s*=\\s*("[^"<]*"|'[^'<]*')`, 'y');
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;

function badAmpersand(text: string): boolean {
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) return true;
  }
  return false;
}

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (badAmpersand(text)) problems.push(`bad & in text near ${i}`);
    if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root near ${i}`);
    if (lt === -1) break;
    const rest = xml.slice(lt);
    let end: number;
    if (rest.startsWith('<!--')) {
      end = xml.indexOf('-->', lt + 4);
      if (end === -1) { problems.push('unclosed comment'); break; }
      i = end + 3;
      continue;
    }
    if (rest.startsWith('<?')) {
      end = xml.indexOf('?>', lt);
      if (end === -1) { problems.push('unclosed processing instruction'); break; }
      i = end + 2;
      continue;
    }
    if (rest.startsWith('<!DOCTYPE')) {
      end = xml.indexOf('>', lt);
      i = end + 1;
      continue;
    }
    end = xml.indexOf('>', lt);
    if (end === -1) { problems.push(`unclosed tag at ${lt}`); break; }
    const tag = xml.slice(lt + 1, end);
    i = end + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}> at ${lt}`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = new RegExp(`^${NAME}`).exec(body);
    if (!m) { problems.push(`bad tag name at ${lt}`); continue; }
    const seen = new Set<string>();
    let p = m[0].length;
    for (;;) {
      ATTR.lastIndex = p;
      const a = ATTR.exec(body);
      if (!a) break;
      if (seen.has(a[1]!)) problems.push(`duplicate attribute ${a[1]} at ${lt}`);
      seen.add(a[1]!);
      if (badAmpersand(a[2]!)) problems.push(`bad & in attribute at ${lt}`);
      p = ATTR.lastIndex;
    }
    if (body.slice(p).trim() !== '') problems.push(`bad attributes in <${m[0]}> at ${lt}: ${body.slice(p)}`);
    if (stack.length === 0) roots++;
    if (!selfClosing) stack.push(m[0]);
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** Text content of every <text> element, entities decoded. */
export function svgTexts(svg: string): string[] {
  const out: string[] = [];
  for (const m of svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)) {
    out.push(m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#45;/g, '-')
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&'));
  }
  return out;
}
