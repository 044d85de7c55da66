/**
 * A small strict XML reader for the writers' tests: well-formedness (one root, tags
 * closed in order, attributes quoted and unique, no raw "<" or stray "&" in text,
 * only the five predefined entities and character references), processing
 * instructions before the root kept in order. Not a general parser: no DTD, no CDATA.
 */
export type XmlElement = {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
};
export type XmlNode = XmlElement | { text: string };
export type XmlDocument = { pis: string[]; root: XmlElement };

const NAME = /^[A-Za-z_:][\w:.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`raw "<" at ${where}`);
  return raw.replace(/&([^;\s&]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated entity at ${where}: ${m}`);
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const v = ENTITIES[ref];
    if (v === undefined) throw new Error(`unknown entity &${ref}; at ${where}`);
    return v;
  });
}

export function parseXml(xml: string): XmlDocument {
  let i = 0;
  const pis: string[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < xml.length) {
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) throw new Error(`unterminated processing instruction at ${i}`);
      if (stack.length === 0 && !root) pis.push(xml.slice(i, end + 2));
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error(`unterminated comment at ${i}`);
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      const end = xml.indexOf('>', i);
      const name = xml.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name)
        throw new Error(`</${name}> at ${i} closes <${open?.name ?? 'nothing'}>`);
      i = end + 1;
    } else if (xml[i] === '<') {
      const m = NAME.exec(xml.slice(i + 1));
      if (!m) throw new Error(`bad tag at ${i}`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [] };
      let j = i + 1 + m[0].length;
      for (;;) {
        while (/\s/.test(xml[j] ?? '')) j++;
        if (xml.startsWith('/>', j)) {
          j += 2;
          break;
        }
        if (xml[j] === '>') {
          j += 1;
          stack.push(el);
          break;
        }
        const a = NAME.exec(xml.slice(j));
        if (!a) throw new Error(`bad attribute at ${j} in <${el.name}>`);
        j += a[0].length;
        if (xml[j] !== '=' || (xml[j + 1] !== '"' && xml[j + 1] !== "'"))
          throw new Error(`unquoted attribute ${a[0]} at ${j}`);
        const q = xml[j + 1]!;
        const end = xml.indexOf(q, j + 2);
        if (end < 0) throw new Error(`unterminated attribute at ${j}`);
        if (a[0] in el.attrs) throw new Error(`duplicate attribute ${a[0]} at ${j}`);
        el.attrs[a[0]] = decode(xml.slice(j + 2, end), j);
        j = end + 1;
      }
      const parent = stack[stack.length - (stack[stack.length - 1] === el ? 2 : 1)];
      if (parent) parent.children.push(el);
      else if (root) throw new Error(`second root element <${el.name}> at ${i}`);
      else root = el;
      i = j;
    } else {
      const next = xml.indexOf('<', i);
      const end = next < 0 ? xml.length : next;
      const text = decode(xml.slice(i, end), i);
      const top = stack[stack.length - 1];
      if (top) top.children.push({ text });
      else if (text.trim()) throw new Error(`text outside the root at ${i}`);
      i = end;
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1]!.name}> never closed`);
  if (!root) throw new Error('no root element');
  return { pis, root };
}

export function isElement(n: XmlNode): n is XmlElement {
  return 'name' in n;
}

/** Element children only (whitespace between elements dropped). */
export function elements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && (!name || c.name === name));
}

/** Every descendant element named `name`, in document order. */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

/** The concatenated text of an element. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (isElement(c) ? textOf(c) : c.text)).join('');
}
