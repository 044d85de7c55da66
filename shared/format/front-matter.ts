/**
 * The YAML front matter of a story file as a small tree that remembers the line of
 * every value, so each reader below can say exactly where a file is wrong.
 *
 * Scalars keep the text the person typed: `value: 6.10` stays "6.10" and
 * `code: 520113` stays "520113" (YAML would make both numbers and drop the zero).
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
} from 'yaml';

import { StoryFormatError } from './story-format-error';

/** Explicit tags a story file may carry: YAML's own core types, nothing that names a program type. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

export type FmNode =
  | { t: 'scalar'; line: number; text: string | null }
  | { t: 'seq'; line: number; items: FmNode[] }
  | { t: 'map'; line: number; entries: FmEntry[] };
export type FmEntry = { key: string; line: number; value: FmNode };

/** Parses front matter that starts on file line `firstLine`. */
export function parseFrontMatter(source: string, firstLine: number): FmNode {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => lines.linePos(offset ?? 0).line + firstLine - 1;
  const problem = doc.errors[0];
  if (problem) {
    throw new StoryFormatError(
      at(problem.pos[0]),
      `front matter is not valid YAML: ${problem.message}`,
      'yaml',
      { message: problem.message },
    );
  }
  const convert = (node: unknown, line: number): FmNode => {
    if (node === null || node === undefined) return { t: 'scalar', line, text: null };
    const own = (node as YamlNode).range ? at((node as YamlNode).range?.[0]) : line;
    if (isAlias(node)) throw new StoryFormatError(own, 'YAML aliases (*name) are not used in story files');
    // Issue 16: `!!js/function` and the like became text silently; refused like aliases, naming the line.
    const tag = (node as { tag?: string }).tag;
    if (tag !== undefined && !CORE_TAGS.has(tag)) {
      const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
      throw new StoryFormatError(own, `YAML tags such as ${shown} are not used in story files`);
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || v === undefined) return { t: 'scalar', line: own, text: null };
      if (typeof v === 'string') return { t: 'scalar', line: own, text: v };
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
        return { t: 'scalar', line: own, text: node.source ?? String(v) };
      }
      throw new StoryFormatError(own, 'this value must be plain text');
    }
    if (isSeq(node)) return { t: 'seq', line: own, items: node.items.map((item) => convert(item, own)) };
    if (isMap(node)) {
      const entries: FmEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyLine = at((pair.key as YamlNode | null)?.range?.[0]);
        const key = isScalar(pair.key) ? pair.key.value : null;
        if (typeof key !== 'string' && typeof key !== 'number') {
          throw new StoryFormatError(keyLine, 'a front-matter key must be a plain word');
        }
        entries.push({ key: String(key), line: keyLine, value: convert(pair.value, keyLine) });
      }
      return { t: 'map', line: own, entries };
    }
    throw new StoryFormatError(own, 'unexpected YAML here');
  };
  return convert(doc.contents, firstLine);
}

/** The scalar's text, '' for an empty value; an error for a list or a map. */
export function text(node: FmNode | undefined, what: string): string {
  if (!node) return '';
  if (node.t !== 'scalar')
    throw new StoryFormatError(node.line, `${what} must be text, not a ${kindName(node)}`);
  return node.text ?? '';
}

/** A map's entries, checked against the keys it may have. */
export function entries(node: FmNode, what: string, known: readonly string[]): Map<string, FmEntry> {
  if (node.t !== 'map')
    throw new StoryFormatError(node.line, `${what} must be a map like { ${known[0]}: … }`);
  const out = new Map<string, FmEntry>();
  for (const entry of node.entries) {
    if (!known.includes(entry.key)) {
      throw new StoryFormatError(
        entry.line,
        `${what}: unknown key "${entry.key}" (known: ${known.join(', ')})`,
        'unknownKey',
        { key: entry.key, known: known.join(', ') },
      );
    }
    out.set(entry.key, entry);
  }
  return out;
}

/** A list's items; a single scalar or map counts as a list of one. An empty value is an empty list. */
export function list(node: FmNode | undefined): FmNode[] {
  if (!node || (node.t === 'scalar' && node.text === null)) return [];
  return node.t === 'seq' ? node.items : [node];
}

export function kindName(node: FmNode): string {
  return node.t === 'seq' ? 'list' : node.t === 'map' ? 'map' : 'text';
}
