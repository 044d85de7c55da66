/**
 * For unit tests only: a small, forgiving HTML reader that builds an HtmlTree,
 * because vitest runs in Node without a DOM. It knows what the fixtures need
 * (attributes in any quoting, void and raw-text elements, comments and Word's
 * conditional comments, entities, <p> closed by a following block) and nothing
 * more; the browser's real parser is exercised by e2e/editor-body.spec.ts.
 */
import type { HtmlTree } from './html-blocks';

export type TestNode =
  | { kind: 'text'; text: string }
  | { kind: 'element'; tag: string; attrs: Record<string, string>; children: TestNode[] };

export const testTree: HtmlTree<TestNode> = {
  text: (n) => (n.kind === 'text' ? n.text : null),
  tag: (n) => (n.kind === 'element' ? n.tag : null),
  attr: (n, name) => (n.kind === 'element' ? (n.attrs[name] ?? null) : null),
  children: (n) => (n.kind === 'element' ? n.children : []),
};

const VOID = new Set([
  'br',
  'img',
  'meta',
  'link',
  'hr',
  'input',
  'col',
  'area',
  'base',
  'wbr',
  'source',
  'v:imagedata',
]);
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xml']);
const CLOSES_P = new Set([
  'p',
  'div',
  'section',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'pre',
]);
const ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  mdash: '—',
  hellip: '…',
};

const OPEN_TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/y;

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
      );
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

export function element(
  tag: string,
  attrs: Record<string, string> = {},
  children: TestNode[] = [],
): TestNode {
  return { kind: 'element', tag, attrs, children };
}

/** Parses `html` and returns its <body> (or a synthetic one). */
export function parseTestHtml(html: string): TestNode {
  const root = element('#root');
  const stack: Array<Extract<TestNode, { kind: 'element' }>> = [
    root as Extract<TestNode, { kind: 'element' }>,
  ];
  const top = () => stack[stack.length - 1]!;
  let i = 0;
  while (i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<!', i) || html.startsWith('<?', i)) {
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    if (html.startsWith('</', i)) {
      const end = html.indexOf('>', i);
      const tag = html
        .slice(i + 2, end)
        .trim()
        .toLowerCase();
      i = end + 1;
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    OPEN_TAG.lastIndex = i;
    const open = OPEN_TAG.exec(html);
    if (open) {
      const tag = open[1]!.toLowerCase();
      const attrs: Record<string, string> = {};
      for (const a of open[2]!.matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
        attrs[a[1]!.toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? '');
      }
      i += open[0].length;
      if (CLOSES_P.has(tag) && top().tag === 'p') stack.pop();
      const el = element(tag, attrs) as Extract<TestNode, { kind: 'element' }>;
      top().children.push(el);
      if (RAW.has(tag)) {
        const end = html.toLowerCase().indexOf(`</${tag}`, i);
        const stop = end < 0 ? html.length : end;
        el.children.push({ kind: 'text', text: html.slice(i, stop) });
        i = end < 0 ? html.length : html.indexOf('>', end) + 1;
      } else if (!VOID.has(tag) && !open[3]) {
        stack.push(el);
      }
      continue;
    }
    const next = html.indexOf('<', i + 1);
    const stop = next < 0 ? html.length : next;
    top().children.push({ kind: 'text', text: decode(html.slice(i, stop)) });
    i = stop;
  }
  const find = (n: TestNode): TestNode | null => {
    if (n.kind !== 'element') return null;
    if (n.tag === 'body') return n;
    for (const c of n.children) {
      const hit = find(c);
      if (hit) return hit;
    }
    return null;
  };
  return find(root) ?? root;
}
