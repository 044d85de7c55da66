/**
 * Plain text (a .txt story, a markdown file without front matter, text pasted from
 * WeChat) to source blocks: one block per non-empty line; markdown "# " is the
 * headline, "## "… a heading, "![…](…)" lines stay text (no file to attach).
 */
import { normalizeNewlines } from '../format';
import type { SourceBlock } from './source-block';

export function textToBlocks(text: string): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  for (const raw of normalizeNewlines(text).split('\n')) {
    const t = raw.replace(/\u3000/g, ' ').trim();
    if (!t) continue;
    const md = /^(#{1,6})\s+(.*)$/u.exec(t);
    if (md) {
      const level = (md[1] as string).length;
      blocks.push({
        kind: 'text',
        text: (md[2] as string).trim(),
        style: level === 1 ? 'title' : 'heading2',
        bold: false,
      });
      continue;
    }
    const bold = /^\*\*(.+)\*\*$/u.exec(t);
    if (bold) {
      blocks.push({ kind: 'text', text: (bold[1] as string).trim(), style: 'normal', bold: true });
      continue;
    }
    blocks.push({ kind: 'text', text: t, style: 'normal', bold: false });
  }
  return blocks;
}
