/**
 * A DOCX's main document (word/document.xml) to source blocks: paragraphs with their
 * style kind and boldness, images in place, tables flattened to one paragraph per
 * row, links reduced to their text, tracked deletions left out. Pure: the caller
 * unzips (with limits) and passes the XML texts.
 */
import { note, type ImportNote } from './import-note';
import type { BlockStyle, SourceBlock } from './source-block';
import { tokenizeXml } from './xml-lite';

export type DocxParts = {
  /** word/document.xml */
  document: string;
  /** word/styles.xml, when present. */
  styles?: string;
  /** word/_rels/document.xml.rels, when present. */
  rels?: string;
};

export type DocxBlocks = {
  blocks: SourceBlock[];
  notes: ImportNote[];
  /** Relationship id → target inside the package ("word/media/image1.png") of the images used. */
  images: Map<string, string>;
};

/** A Word style's name (or id) to the part it stands for. */
export function styleKindOf(name: string): BlockStyle {
  const n = name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (n === 'title' || n === '标题' || n === '主题') return 'title';
  if (n === 'subtitle' || n === '副标题' || n === '副题') return 'subtitle';
  if (n === '引题' || n === '肩题' || n === '眉题' || n === 'kicker') return 'kicker';
  if (n === 'heading 1' || n === '标题 1' || n === 'heading1') return 'heading1';
  if (/^(heading ?[2-6]|标题 ?[2-6])$/.test(n) || n === '小标题') return 'heading2';
  if (n === '电头') return 'dateline';
  if (n === '署名') return 'byline';
  if (n === '图片说明' || n === 'caption' || n === '题注') return 'caption';
  if (n === '图片署名') return 'credit';
  if (n === '转版') return 'jump';
  return 'normal';
}

/** styles.xml → style id → kind (following basedOn for custom styles built on a heading). */
export function readStyles(xml: string | undefined): Map<string, BlockStyle> {
  const names = new Map<string, { name: string; basedOn: string }>();
  if (xml) {
    let current: { id: string; name: string; basedOn: string } | null = null;
    tokenizeXml(xml, (tok) => {
      if (tok.t === 'open' && tok.name === 'w:style') {
        current = { id: tok.attrs['w:styleId'] ?? '', name: '', basedOn: '' };
        if (tok.selfClosing) current = null;
      } else if (tok.t === 'open' && current && tok.name === 'w:name')
        current.name = tok.attrs['w:val'] ?? '';
      else if (tok.t === 'open' && current && tok.name === 'w:basedOn')
        current.basedOn = tok.attrs['w:val'] ?? '';
      else if (tok.t === 'close' && tok.name === 'w:style' && current) {
        names.set(current.id, { name: current.name, basedOn: current.basedOn });
        current = null;
      }
    });
  }
  const kinds = new Map<string, BlockStyle>();
  const kindOf = (id: string, depth = 0): BlockStyle => {
    const known = kinds.get(id);
    if (known) return known;
    const entry = names.get(id);
    let kind = styleKindOf(entry?.name || id);
    if (kind === 'normal' && entry?.basedOn && depth < 10) kind = kindOf(entry.basedOn, depth + 1);
    kinds.set(id, kind);
    return kind;
  };
  for (const id of names.keys()) kindOf(id);
  return kinds;
}

/** document.xml.rels → id → target path inside the package (images only). */
export function readImageRels(xml: string | undefined): Map<string, string> {
  const rels = new Map<string, string>();
  if (!xml) return rels;
  tokenizeXml(xml, (tok) => {
    if (tok.t !== 'open' || tok.name !== 'Relationship') return;
    const type = tok.attrs.Type ?? '';
    if (!type.endsWith('/image') || tok.attrs.TargetMode === 'External') return;
    const target = tok.attrs.Target ?? '';
    const path = target.startsWith('/') ? target.slice(1) : normalisePath(`word/${target}`);
    if (tok.attrs.Id) rels.set(tok.attrs.Id, path);
  });
  return rels;
}

function normalisePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}

type Para = { text: string; styleId: string; runs: number; boldRuns: number; images: string[] };

export function readDocx(parts: DocxParts): DocxBlocks {
  const styles = readStyles(parts.styles);
  const rels = readImageRels(parts.rels);
  const blocks: SourceBlock[] = [];
  const notes: ImportNote[] = [];
  const images = new Map<string, string>();

  const stack: Para[] = [];
  let inText = false; // inside w:t
  let inDeleted = 0; // inside w:del
  let runBold = false;
  let inRunProps = false;
  let links = 0;
  let deletions = 0;
  let floating = 0;
  let tableDepth = 0;
  let tables = 0;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  const floatingBlocks: SourceBlock[] = [];
  let textboxDepth = 0;

  const emit = (p: Para) => {
    const style = styles.get(p.styleId) ?? styleKindOf(p.styleId);
    const out = textboxDepth > 0 ? floatingBlocks : blocks;
    const text = p.text.replace(/[\t\u00a0]+/g, ' ');
    if (cell && tableDepth > 0) {
      if (text.trim()) cell.push(text.trim());
    } else {
      for (const line of text.split('\n')) {
        if (line.trim())
          out.push({ kind: 'text', text: line.trim(), style, bold: p.runs > 0 && p.boldRuns === p.runs });
      }
    }
    for (const rid of p.images) {
      const target = rels.get(rid);
      if (!target) continue;
      images.set(rid, target);
      out.push({ kind: 'image', ref: target, name: target.slice(target.lastIndexOf('/') + 1) });
    }
  };

  tokenizeXml(parts.document, (tok) => {
    const p = stack[stack.length - 1];
    if (tok.t === 'text') {
      if (inText && p && !inDeleted) p.text += tok.text;
      return;
    }
    if (tok.t === 'open') {
      switch (tok.name) {
        case 'w:p':
          if (!tok.selfClosing) stack.push({ text: '', styleId: '', runs: 0, boldRuns: 0, images: [] });
          else if (!cell) blocks.push({ kind: 'text', text: '', style: 'normal', bold: false });
          break;
        case 'w:pStyle':
          if (p) p.styleId = tok.attrs['w:val'] ?? '';
          break;
        case 'w:r':
          runBold = false;
          break;
        case 'w:rPr':
          inRunProps = !tok.selfClosing;
          break;
        case 'w:b':
          if (inRunProps) runBold = !['0', 'false', 'off'].includes(tok.attrs['w:val'] ?? '');
          break;
        case 'w:t':
          if (tok.selfClosing) break;
          inText = true;
          if (p && !inDeleted) {
            p.runs++;
            if (runBold) p.boldRuns++;
          }
          break;
        case 'w:delText':
          deletions++;
          break;
        case 'w:del':
          if (!tok.selfClosing) inDeleted++;
          break;
        case 'w:tab':
          if (p && !inDeleted && !inRunProps) p.text += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          if (p && !inDeleted && (tok.attrs['w:type'] ?? 'textWrapping') === 'textWrapping') p.text += '\n';
          break;
        case 'w:hyperlink':
          links++;
          break;
        case 'a:blip':
          if (p && tok.attrs['r:embed']) p.images.push(tok.attrs['r:embed']);
          break;
        case 'v:imagedata':
          if (p && tok.attrs['r:id']) p.images.push(tok.attrs['r:id']);
          break;
        case 'w:txbxContent':
          textboxDepth++;
          floating++;
          break;
        case 'w:tbl':
          tableDepth++;
          if (tableDepth === 1) tables++;
          break;
        case 'w:tr':
          if (tableDepth === 1) row = [];
          break;
        case 'w:tc':
          if (tableDepth === 1) cell = [];
          break;
      }
      return;
    }
    // close
    switch (tok.name) {
      case 'w:p': {
        const done = stack.pop();
        if (done) emit(done);
        break;
      }
      case 'w:t':
        inText = false;
        break;
      case 'w:rPr':
        inRunProps = false;
        break;
      case 'w:del':
        inDeleted = Math.max(0, inDeleted - 1);
        break;
      case 'w:txbxContent':
        textboxDepth = Math.max(0, textboxDepth - 1);
        break;
      case 'w:tc':
        if (tableDepth === 1 && row && cell) row.push(cell.join(' '));
        if (tableDepth === 1) cell = null;
        break;
      case 'w:tr':
        if (tableDepth === 1 && row) {
          const text = row.filter(Boolean).join('；');
          if (text) blocks.push({ kind: 'text', text, style: 'normal', bold: false, fromTable: true });
        }
        if (tableDepth === 1) row = null;
        break;
      case 'w:tbl':
        tableDepth = Math.max(0, tableDepth - 1);
        break;
    }
  });

  if (tables)
    notes.push(
      note(
        'table-flattened',
        '',
        `${tables} table(s): each row became one paragraph, cells separated by "；"`,
        { count: tables },
      ),
    );
  if (links)
    notes.push(
      note('links-removed', '', `${links} link(s): the text was kept, the addresses were removed`, {
        count: links,
      }),
    );
  if (deletions)
    notes.push(
      note('tracked-changes', '', 'the document had tracked changes: insertions kept, deletions left out', {
        count: deletions,
      }),
    );
  if (floating) {
    notes.push(
      note('floating-text', '', `${floating} text box(es): their paragraphs were added at the end`, {
        count: floating,
      }),
    );
    blocks.push(...floatingBlocks);
  }
  return { blocks, notes, images };
}
