/**
 * A printed page as plain text (issue 8: past pages into the archive) split into
 * its stories, with paragraphs that a column break cut in mid-sentence joined again.
 *
 * A page text is lines: headline parts, bylines, paragraphs, subheads, captions with
 * their credit lines, jump lines. What decides:
 *
 * - a story starts at a group of one to four short head lines (no sentence end, no
 *   comma; markdown "#"/"##" also count) that is followed by a byline line
 *   ("■organisation", "本报记者 …", bare names) or a lead with a 电头 (本报讯…); or at
 *   a lead with a 电头 standing alone; or at "（上接B6版）", a story continued from
 *   another page;
 * - in the head group, a line starting with a dash is the 副题, a line ending in a
 *   colon is the region prefix of the next line (joined to it), one "#" line among
 *   "##" lines is the 主题; otherwise the last remaining line is the 主题 and one
 *   above it the 引题;
 * - a credit line ("孙某 摄", "某某供图") makes the line before it a caption of the
 *   current story;
 * - a short line without a comma or sentence end, followed by body text, is a
 *   subhead;
 * - a paragraph that does not end a sentence (。！？…； or a closing quote after one)
 *   is continued by the next body line: the two are joined, and the join is listed.
 */
import { normalizeNewlines } from '../format';
import type { Byline, Credit } from '../model';
import { note, shorten, type ImportNote } from './import-note';
import {
  endsSentence,
  readBylineLine,
  readCreditLine,
  readEndByline,
  readJump,
  readLead,
  readSubheadlineDash,
  splitCaptionCredit,
  type CaptionCredit,
} from './story-lines';

export type PageBlock = { type: 'paragraph' | 'subhead'; text: string };
export type PageCaption = { caption: string } & CaptionCredit;
export type PageJoin = {
  /** 1-based line number of the line joined to the paragraph before it. */
  line: number;
  /** The last characters of the first line and the first of the second. */
  end: string;
  start: string;
};

export type PageStory = {
  kicker: string;
  headline: string;
  subheadline: string;
  dateline: string;
  byline: Byline;
  blocks: PageBlock[];
  captions: PageCaption[];
  jumps: Array<{ direction: 'from' | 'to'; page: string }>;
  joins: PageJoin[];
  /** The story starts with 上接: its head is on another page. */
  continued: boolean;
  /** 1-based line numbers of the page text this story spans. */
  firstLine: number;
  lastLine: number;
};

export type PageSplit = { stories: PageStory[]; notes: ImportNote[] };

type Line = { n: number; text: string; md: number };

const HEAD_MAX = 40;
const SUBHEAD_MAX = 30;

function isHeadish(l: Line): boolean {
  if (l.md > 0) return true;
  const t = l.text;
  if (Array.from(t).length > HEAD_MAX || endsSentence(t) || /[，。；,]/u.test(t)) return false;
  return !readJump(t) && !readCreditLine(t) && !t.startsWith('■') && !readLead(t);
}

function isBylineStart(l: Line | undefined): boolean {
  if (!l || l.md > 0) return false;
  return l.text.startsWith('■')
    ? readBylineLine(l.text, false) !== null
    : readBylineLine(l.text, true) !== null || readLead(l.text) !== null;
}

/** The number of head lines of a story starting at `i`, or 0 when no story starts there. */
function headGroupAt(lines: readonly Line[], i: number): number {
  for (let k = 1; k <= 4 && i + k <= lines.length; k++) {
    const last = lines[i + k - 1]!;
    if (!isHeadish(last)) return 0;
    const next = lines[i + k];
    if (isBylineStart(next)) return k;
  }
  return 0;
}

function emptyStory(firstLine: number): PageStory {
  return {
    kicker: '',
    headline: '',
    subheadline: '',
    dateline: '',
    byline: { credits: [], position: 'top' },
    blocks: [],
    captions: [],
    jumps: [],
    joins: [],
    continued: false,
    firstLine,
    lastLine: firstLine,
  };
}

function assignHead(story: PageStory, head: Line[], notes: ImportNote[]): void {
  const lines = [...head];
  // A head line ending in a colon is the region prefix of the next one ("某某县：" / "精准发力…").
  for (let k = 0; k < lines.length - 1; k++) {
    if (/[：:]$/u.test(lines[k]!.text) && !readSubheadlineDash(lines[k + 1]!.text)) {
      const merged = { ...lines[k + 1]!, text: `${lines[k]!.text}${lines[k + 1]!.text}` };
      merged.md = Math.min(lines[k]!.md || 9, lines[k + 1]!.md || 9) % 9;
      lines.splice(k, 2, merged);
    }
  }
  const dashAt = lines.findIndex((l) => readSubheadlineDash(l.text));
  if (dashAt >= 0) {
    const dash = readSubheadlineDash(lines[dashAt]!.text)!;
    story.subheadline = dash.text;
    if (dash.fixed)
      notes.push(note('subheadline-dash', lines[dashAt]!.text, 'the 副题 dash was written as "——"'));
    lines.splice(dashAt, 1);
  }
  if (lines.length === 0) return;
  const topLevel = lines.filter((l) => l.md === 1);
  let headAt = topLevel.length === 1 ? lines.indexOf(topLevel[0]!) : lines.length - 1;
  if (topLevel.length !== 1 && dashAt > 0 && dashAt <= lines.length)
    headAt = Math.min(lines.length - 1, dashAt - 1);
  story.headline = lines[headAt]!.text;
  if (headAt > 0)
    story.kicker = lines
      .slice(0, headAt)
      .map((l) => l.text)
      .join(' ');
  const below = lines.slice(headAt + 1);
  if (below.length && !story.subheadline) story.subheadline = below.map((l) => l.text).join(' ');
  else if (below.length) story.kicker = [story.kicker, ...below.map((l) => l.text)].filter(Boolean).join(' ');
}

export function splitPageText(text: string): PageSplit {
  const notes: ImportNote[] = [];
  const lines: Line[] = [];
  normalizeNewlines(text)
    .split('\n')
    .forEach((raw, i) => {
      let t = raw.replace(/\u3000/g, ' ').trim();
      const md = /^(#{1,6})\s+/u.exec(t);
      if (md) t = t.slice(md[0].length).trim();
      if (t) lines.push({ n: i + 1, text: t, md: md ? (md[1] as string).length : 0 });
    });

  const stories: PageStory[] = [];
  let story: PageStory | null = null;
  /** The story's lead was read (or it has body text): a dateline line now starts a new story. */
  const start = (first: number) => {
    story = emptyStory(first);
    stories.push(story);
    return story;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.text;
    let current = story as PageStory | null;
    const head = headGroupAt(lines, i);
    const jump = readJump(t);

    if (head > 0) {
      current = start(line.n);
      assignHead(current, lines.slice(i, i + head), notes);
      i += head;
      // Byline lines, then perhaps a lead.
      const credits: Credit[] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        const read =
          l.md > 0
            ? null
            : l.text.startsWith('■')
              ? readBylineLine(l.text, false)
              : credits.length === 0 && !readLead(l.text)
                ? readBylineLine(l.text, true)
                : null;
        if (!read) break;
        credits.push(...read.credits);
        if (read.noRole)
          notes.push(
            note('byline-no-role', l.text, 'names without a role under the headline: read as the byline'),
          );
        i++;
      }
      current.byline = { credits, position: 'top' };
      i--;
      current.lastLine = lines[i]!.n;
      continue;
    }
    const lead = readLead(t);
    if (lead && (!current || current.blocks.length > 0 || current.dateline)) {
      current = start(line.n);
      notes.push(note('head-unrecognised', t, 'a story starting with its 电头 but no headline above it'));
    }
    if (jump && jump.direction === 'from') {
      current = start(line.n);
      current.continued = true;
      current.jumps.push(jump);
      current.headline = `（上接${jump.page}版）`;
      notes.push(
        note('continued', t, `a story continued from page ${jump.page} starts here`, { page: jump.page }),
      );
      continue;
    }
    if (!current) {
      current = start(line.n);
      notes.push(note('orphan', t, 'text before the first headline: kept as a story without a headline'));
    }
    current.lastLine = line.n;
    if (jump) {
      current.jumps.push(jump);
      continue;
    }
    if (lead && current.blocks.length === 0 && !current.dateline) {
      current.dateline = lead.dateline;
      if (lead.credits.length)
        current.byline = { credits: [...current.byline.credits, ...lead.credits], position: 'lead' };
      if (lead.noRole)
        notes.push(note('byline-no-role', t.slice(0, 30), 'the lead names people without a role'));
      if (lead.halfwidth)
        notes.push(note('byline-halfwidth', t.slice(0, 30), 'the byline had half-width brackets'));
      if (lead.rest.trim())
        addBody(current, { n: line.n, text: lead.rest.trim(), md: 0 }, lines[i + 1], notes);
      continue;
    }
    const credit = readCreditLine(t);
    if (credit) {
      // The line before was the caption: take it back from the body.
      const last = current.blocks[current.blocks.length - 1] as Body | undefined;
      let caption = '';
      if (last?.type === 'paragraph' && !last.joined) {
        current.blocks.pop();
        caption = last.text;
      }
      current.captions.push({ caption, ...credit });
      notes.push(
        note(
          'caption-attached',
          caption || t,
          `caption attached to "${shorten(current.headline, 20)}": check it belongs there`,
          { headline: current.headline },
        ),
      );
      continue;
    }
    const next = lines[i + 1];
    if (!next || headGroupAt(lines, i + 1) > 0 || readJump(next.text)?.direction === 'from') {
      const end = readEndByline(t);
      if (end && current.byline.credits.length === 0) {
        current.byline = { credits: end.credits, position: 'end' };
        continue;
      }
    }
    if (readCreditLine(next?.text ?? '') === null && /^(图为|图[:：])/u.test(t)) {
      const split = splitCaptionCredit(t);
      if (split.credit) {
        current.captions.push({ caption: split.caption, ...split.credit });
        continue;
      }
    }
    addBody(current, line, next, notes);
  }
  for (const s of stories) {
    for (const b of s.blocks) delete (b as Partial<Body>).joined;
    if (!s.headline && s.blocks.length) {
      s.headline = shorten(s.blocks[0]!.text, 20);
      if (!notes.some((n) => n.code === 'orphan' || n.code === 'head-unrecognised')) {
        notes.push(
          note('head-unrecognised', s.headline, 'a story without a headline: titled by its first words'),
        );
      }
    }
  }
  return { stories, notes };
}

type Body = PageBlock & { joined?: boolean };

function addBody(story: PageStory, line: Line, next: Line | undefined, notes: ImportNote[]): void {
  const t = line.text;
  const blocks = story.blocks as Body[];
  // The paragraph a column break may have cut: the last paragraph (captions do not count).
  const last = blocks[blocks.length - 1];
  const nextIsCredit = next ? readCreditLine(next.text) !== null : false;
  const short = Array.from(t).length <= SUBHEAD_MAX && !/[，。；,]/u.test(t) && !endsSentence(t);
  const nextShort = next
    ? Array.from(next.text).length <= SUBHEAD_MAX && !/[，。；,]/u.test(next.text)
    : true;
  if (short && next && !nextIsCredit && !nextShort && !continuesText(t)) {
    blocks.push({ type: 'subhead', text: t });
    return;
  }
  if (last?.type === 'paragraph' && !endsSentence(last.text) && !nextIsCredit) {
    const tail = Array.from(last.text).slice(-6).join('');
    const head = Array.from(t).slice(0, 6).join('');
    last.text += t;
    last.joined = true;
    story.joins.push({ line: line.n, end: tail, start: head });
    notes.push(
      note('joined', `${tail}|${head}`, `joined two lines cut by a column break: "…${tail}" + "${head}…"`, {
        line: line.n,
      }),
    );
    return;
  }
  blocks.push({ type: 'paragraph', text: t });
}

/** A line that can only continue a sentence: it starts with punctuation that never opens one. */
function continuesText(t: string): boolean {
  return /^[，。、；：,.;:！？）」』”’]/u.test(t);
}
