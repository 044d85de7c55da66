/**
 * A small, strict XML tokenizer for the parts of a DOCX we read (document.xml,
 * styles.xml, relationships). Not a general parser, on purpose:
 *
 * - a DOCTYPE is refused outright, so no entity can be declared: the "billion laughs"
 *   and external-entity tricks have nothing to expand (OOXML never needs a DOCTYPE);
 * - only the five predefined entities and numeric character references are decoded;
 *   any other `&name;` is an error;
 * - element depth is capped, and the caller caps the input size.
 *
 * It yields start tags (with attributes), end tags and text; comments, processing
 * instructions and CDATA are skipped (CDATA text is kept as text).
 */

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export type XmlToken =
  | { t: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { t: 'close'; name: string }
  | { t: 'text'; text: string };

const MAX_DEPTH = 256;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references of `raw`. */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{0,12});/g, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return codePoint(parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return codePoint(parseInt(name.slice(1), 10), whole);
    const value = PREDEFINED[name];
    if (value === undefined) throw new XmlError(`undeclared entity ${whole}`);
    return value;
  });
}

function codePoint(cp: number, whole: string): string {
  if (!Number.isInteger(cp) || cp < 1 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    throw new XmlError(`bad character reference ${whole}`);
  }
  return String.fromCodePoint(cp);
}

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** Walks `xml`, calling `visit` for every token. Throws XmlError on a DOCTYPE or malformed markup. */
export function tokenizeXml(xml: string, visit: (token: XmlToken) => void): void {
  let i = 0;
  let depth = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const text = xml.slice(i, end);
      if (depth > 0) visit({ t: 'text', text: decodeEntities(text) });
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt + 4);
      if (close < 0) throw new XmlError('unterminated comment');
      i = close + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      if (close < 0) throw new XmlError('unterminated CDATA section');
      visit({ t: 'text', text: xml.slice(lt + 9, close) });
      i = close + 3;
    } else if (xml.startsWith('<!', lt)) {
      // <!DOCTYPE …> (or any other declaration): the door to entity expansion, never needed in OOXML.
      throw new XmlError('a DOCTYPE or entity declaration is not allowed in a Word file');
    } else if (xml.startsWith('<?', lt)) {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) throw new XmlError('unterminated processing instruction');
      i = close + 2;
    } else {
      const close = findTagEnd(xml, lt + 1);
      if (close < 0) throw new XmlError('unterminated tag');
      const inner = xml.slice(lt + 1, close);
      i = close + 1;
      if (inner.startsWith('/')) {
        depth--;
        if (depth < 0) throw new XmlError('unbalanced end tag');
        visit({ t: 'close', name: inner.slice(1).trim() });
        continue;
      }
      const selfClosing = inner.endsWith('/');
      const body = selfClosing ? inner.slice(0, -1) : inner;
      const nameEnd = body.search(/[\s]/);
      const name = nameEnd < 0 ? body : body.slice(0, nameEnd);
      if (!name) throw new XmlError('empty tag name');
      const attrs: Record<string, string> = {};
      if (nameEnd >= 0) {
        for (const m of body.slice(nameEnd).matchAll(ATTR)) {
          attrs[m[1] as string] = decodeEntities(m[3] ?? m[4] ?? '');
        }
      }
      visit({ t: 'open', name, attrs, selfClosing });
      if (!selfClosing) {
        depth++;
        if (depth > MAX_DEPTH) throw new XmlError(`elements nested deeper than ${MAX_DEPTH}`);
      }
    }
  }
  if (depth !== 0) throw new XmlError('the document ends inside an element (truncated?)');
}

/** The end of a tag starting after `<` at `from`, skipping `>` inside quoted attribute values. */
function findTagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') return -1;
  }
  return -1;
}
