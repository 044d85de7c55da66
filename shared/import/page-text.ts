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
 *   is continued by the next body line: the two are joined, and the join is listed;
 * - page furniture (page-furniture.ts, issue 19): a line with only a division's name
 *   above a headline is the next story's region; a slogan box (公益广告) is one box,
 *   not a story; an end byline "（某某）" ends its story's text, so nothing after it
 *   is joined to it; "**…**" emphasis is taken away.
 *
 * Corrections (a merge, a split at a line, a line marked as headline, byline,
 * caption, subhead or paragraph) are applied by the same pass, so the preview and
 * the archive read the page the same way, and every line's role is listed.
 */
import { normalizeNewlines } from '../format';
import type { RegionEntry, RegionIndex } from '../geo/regions';
import { bylineText, type Byline, type Credit, type Region } from '../model';
import { note, shorten, type ImportNote } from './import-note';
import {
  narrowRegion,
  readPageCreditLine,
  readRegionLabel,
  sloganBoxAt,
  stripEmphasis,
  type RegionLabel,
} from './page-furniture';
import {
  endsSentence,
  readBylineLine,
  readEndByline,
  readJump,
  readLead,
  readSubheadlineDash,
  splitCaptionCredit,
  type CaptionCredit,
} from './story-lines';

export type PageBlock = { type: 'paragraph' | 'subhead'; text: string };
/** A caption and its credit; `creditName` is '' when the page printed no credit line for it. */
export type PageCaption = { caption: string } & CaptionCredit;
export type PageJoin = {
  /** 1-based line number of the line joined to the paragraph before it. */
  line: number;
  /** The last characters of the first line and the first of the second. */
  end: string;
  start: string;
};

/** What a line of the page text was read as. */
export type PageLineRole =
  | 'region'
  | 'kicker'
  | 'headline'
  | 'subheadline'
  | 'byline'
  | 'lead'
  | 'paragraph'
  | 'subhead'
  | 'caption'
  | 'credit'
  | 'jump'
  | 'box';
/** One non-empty line of the page text (as read: emphasis marks and "#" taken away) and its role. */
export type PageLine = { line: number; text: string; role: PageLineRole };

export type PageStory = {
  kicker: string;
  headline: string;
  subheadline: string;
  dateline: string;
  byline: Byline;
  /** The region label printed above the headline ('' when none). */
  regionLabel: string;
  /** The division the label names, when the region list names exactly one. */
  region: Region | null;
  blocks: PageBlock[];
  captions: PageCaption[];
  jumps: Array<{ direction: 'from' | 'to'; page: string }>;
  joins: PageJoin[];
  /** The story starts with 上接: its head is on another page. */
  continued: boolean;
  /** 1-based line numbers of the page text this story spans. */
  firstLine: number;
  lastLine: number;
  /** Every line of the story, in page order, with what it was read as. */
  lines: PageLine[];
};

/** A slogan box (公益广告): page furniture, kept with the split but not a story. */
export type PageBox = { firstLine: number; lastLine: number; lines: PageLine[] };

export type PageSplit = { stories: PageStory[]; boxes: PageBox[]; notes: ImportNote[] };

/** What a correction may mark a line as. */
export const PAGE_LINE_MARKS = ['headline', 'byline', 'caption', 'subhead', 'paragraph'] as const;
export type PageLineMark = (typeof PAGE_LINE_MARKS)[number];

/**
 * An editor's correction of the split, by line number of the page text:
 * `merge` joins the story that starts at `line` to the story before it; `split`
 * starts a story at `line`; `mark` reads the line as the given part.
 */
export type PageCorrection =
  | { kind: 'merge'; line: number }
  | { kind: 'split'; line: number }
  | { kind: 'mark'; line: number; as: PageLineMark };

export type SplitOptions = {
  /** The GB/T 2260 list, to resolve region labels (without it a label names no division). */
  regions?: RegionIndex | null;
  corrections?: readonly PageCorrection[];
};

type Line = { n: number; text: string; md: number };
type Body = PageBlock & {
  /** The page lines the block was made of, and their text, so a credit line can take the last back. */
  parts: Array<{ n: number; text: string }>;
  /** An end byline came after it: no later line continues it. */
  sealed?: boolean;
};

const HEAD_MAX = 40;
const SUBHEAD_MAX = 30;

/** One pass over the page's lines, with the editor's corrections. */
class PageReader {
  readonly stories: PageStory[] = [];
  readonly boxes: PageBox[] = [];
  readonly notes: ImportNote[] = [];
  private story: PageStory | null = null;
  private readonly texts: string[];
  private readonly marks = new Map<number, PageLineMark>();
  private readonly splits = new Set<number>();
  private readonly merges = new Set<number>();
  private readonly labels = new Map<PageStory, RegionLabel>();
  /** Notes made while a story was read: dropped with it when it is merged into the one before. */
  private readonly storyNotes = new Map<PageStory, ImportNote[]>();
  /** Corrections that named a line they could act on. */
  readonly used = new Set<PageCorrection>();

  constructor(
    private readonly lines: readonly Line[],
    private readonly regions: RegionIndex | null,
    readonly corrections: readonly PageCorrection[],
  ) {
    this.texts = lines.map((l) => l.text);
    for (const c of corrections) {
      if (c.kind === 'mark') this.marks.set(c.line, c.as);
      else (c.kind === 'split' ? this.splits : this.merges).add(c.line);
    }
  }

  private markAt(i: number): PageLineMark | undefined {
    const l = this.lines[i];
    return l ? this.marks.get(l.n) : undefined;
  }

  private free = (i: number) => this.markAt(i) === undefined;

  private boxAt(i: number): number {
    return this.free(i) ? sloganBoxAt(this.texts, i, this.free) : 0;
  }

  private isHeadish(i: number): boolean {
    const l = this.lines[i];
    if (!l) return false;
    const mark = this.markAt(i);
    if (mark) return mark === 'headline';
    if (this.boxAt(i) > 0) return false;
    if (l.md > 0) return true;
    const t = l.text;
    if (Array.from(t).length > HEAD_MAX || endsSentence(t) || /[，。；,]/u.test(t)) return false;
    return !readJump(t) && !readPageCreditLine(t) && !t.startsWith('■') && !readLead(t) && !readEndByline(t);
  }

  private isBylineStart(i: number): boolean {
    const l = this.lines[i];
    if (!l || l.md > 0 || this.boxAt(i) > 0) return false;
    const mark = this.markAt(i);
    if (mark) return mark === 'byline';
    return l.text.startsWith('■')
      ? readBylineLine(l.text, false) !== null
      : readBylineLine(l.text, true) !== null || readLead(l.text) !== null;
  }

  /** The number of head lines of a story starting at `i`, or 0 when no story starts there. */
  private headGroupAt(i: number): number {
    const mark = this.markAt(i);
    if (mark && mark !== 'headline') return 0;
    for (let k = 1; k <= 4 && i + k <= this.lines.length; k++) {
      if (!this.isHeadish(i + k - 1)) break;
      if (this.isBylineStart(i + k)) return k;
    }
    const l = this.lines[i]!;
    if (mark === 'headline' || (this.splits.has(l.n) && this.isHeadish(i))) {
      let k = 1;
      while (this.lines[i + k] && this.free(i + k) && readSubheadlineDash(this.lines[i + k]!.text)) k++;
      return k;
    }
    return 0;
  }

  private start(first: number): PageStory {
    const story: PageStory = {
      kicker: '',
      headline: '',
      subheadline: '',
      dateline: '',
      byline: { credits: [], position: 'top' },
      regionLabel: '',
      region: null,
      blocks: [],
      captions: [],
      jumps: [],
      joins: [],
      continued: false,
      firstLine: first,
      lastLine: first,
      lines: [],
    };
    this.stories.push(story);
    this.story = story;
    if (this.splits.has(first)) this.used.add(this.correction('split', first)!);
    return story;
  }

  private noteOn(story: PageStory, n: ImportNote): void {
    const list = this.storyNotes.get(story);
    if (list) list.push(n);
    else this.storyNotes.set(story, [n]);
  }

  private correction(kind: PageCorrection['kind'], line: number): PageCorrection | undefined {
    return this.corrections.find((c) => c.kind === kind && c.line === line);
  }

  private role(story: PageStory, l: Line, role: PageLineRole): void {
    story.lines.push({ line: l.n, text: l.text, role });
    story.lastLine = Math.max(story.lastLine, l.n);
    const mark = this.marks.get(l.n);
    if (mark) this.used.add(this.corrections.findLast((c) => c.kind === 'mark' && c.line === l.n)!);
  }

  read(): void {
    const { lines } = this;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const t = line.text;
      const mark = this.markAt(i);

      const box = this.boxAt(i);
      if (box > 0) {
        const boxLines = lines
          .slice(i, i + box)
          .map((l) => ({ line: l.n, text: l.text, role: 'box' as const }));
        this.boxes.push({ firstLine: line.n, lastLine: lines[i + box - 1]!.n, lines: boxLines });
        i += box - 1;
        continue;
      }
      const label = mark || !this.isHeadish(i + 1) ? null : readRegionLabel(t, this.regions);
      if (label) {
        const head = Math.max(1, this.headGroupAt(i + 1));
        const story = this.start(line.n);
        story.regionLabel = label.label;
        this.labels.set(story, label);
        this.role(story, line, 'region');
        i = this.openStory(story, i + 1, head);
        continue;
      }
      const head = this.headGroupAt(i);
      if (head > 0) {
        i = this.openStory(this.start(line.n), i, head);
        continue;
      }

      let current = this.story;
      const lead = mark ? null : readLead(t);
      const jump = mark ? null : readJump(t);
      if (lead && (!current || current.blocks.length > 0 || current.dateline)) current = this.start(line.n);
      else if (jump?.direction === 'from') {
        current = this.start(line.n);
        current.continued = true;
        current.jumps.push(jump);
        current.headline = `（上接${jump.page}版）`;
        this.role(current, line, 'jump');
        this.noteOn(
          current,
          note('continued', t, `a story continued from page ${jump.page} starts here`, {
            page: jump.page,
            line: line.n,
          }),
        );
        continue;
      } else if (!current || (this.splits.has(line.n) && current.firstLine !== line.n)) {
        current = this.start(line.n);
      }
      const next = lines[i + 1];

      if (mark) {
        this.readMarked(current, line, mark, next);
        continue;
      }
      if (jump) {
        current.jumps.push(jump);
        this.role(current, line, 'jump');
        continue;
      }
      if (lead && current.blocks.length === 0 && !current.dateline) {
        current.dateline = lead.dateline;
        if (lead.credits.length)
          current.byline = { credits: [...current.byline.credits, ...lead.credits], position: 'lead' };
        if (lead.noRole)
          this.noteOn(
            current,
            note('byline-no-role', t.slice(0, 30), 'the lead names people without a role'),
          );
        if (lead.halfwidth)
          this.noteOn(
            current,
            note('byline-halfwidth', t.slice(0, 30), 'the byline had half-width brackets'),
          );
        this.role(current, line, 'lead');
        if (lead.rest.trim()) this.addBody(current, { ...line, text: lead.rest.trim() }, next, false, false);
        continue;
      }
      const credit = readPageCreditLine(t);
      if (credit) {
        this.takeCredit(current, line, credit);
        continue;
      }
      const end = readEndByline(t);
      const last = current.blocks[current.blocks.length - 1] as Body | undefined;
      if (end && (!last || endsSentence(last.text) || !next || this.headGroupAt(i + 1) > 0)) {
        current.byline =
          current.byline.credits.length === 0
            ? { credits: end.credits, position: 'end' }
            : { ...current.byline, credits: [...current.byline.credits, ...end.credits] };
        if (last) last.sealed = true;
        this.role(current, line, 'byline');
        continue;
      }
      if (readPageCreditLine(next?.text ?? '') === null && /^(图为|图[:：])/u.test(t)) {
        const split = splitCaptionCredit(t);
        if (split.credit) {
          current.captions.push({ caption: split.caption, ...split.credit });
          this.role(current, line, 'caption');
          continue;
        }
      }
      this.addBody(current, line, next, false);
    }
  }

  /** The head lines from `i`, then byline lines; returns the index of the story's last line read. */
  private openStory(story: PageStory, i: number, head: number): number {
    const headLines = this.lines.slice(i, i + head);
    const roles = assignHead(
      story,
      headLines,
      headLines.map((l) => this.marks.get(l.n) === 'headline'),
      (n) => this.noteOn(story, n),
    );
    headLines.forEach((l, k) => this.role(story, l, roles[k]!));
    i += head;
    const credits: Credit[] = [];
    while (i < this.lines.length) {
      const l = this.lines[i]!;
      const mark = this.markAt(i);
      if ((mark && mark !== 'byline') || this.boxAt(i) > 0) break;
      const read =
        mark === 'byline'
          ? { credits: bylineCredits(l.text), noRole: false }
          : l.md > 0
            ? null
            : l.text.startsWith('■')
              ? readBylineLine(l.text, false)
              : credits.length === 0 && !readLead(l.text)
                ? readBylineLine(l.text, true)
                : null;
      if (!read) break;
      credits.push(...read.credits);
      if (read.noRole)
        this.noteOn(
          story,
          note('byline-no-role', l.text, 'names without a role under the headline: read as the byline'),
        );
      this.role(story, l, 'byline');
      i++;
    }
    story.byline = { credits, position: 'top' };
    return i - 1;
  }

  private readMarked(story: PageStory, line: Line, mark: PageLineMark, next: Line | undefined): void {
    switch (mark) {
      case 'byline': {
        const credits = bylineCredits(line.text);
        story.byline =
          story.byline.credits.length === 0
            ? { credits, position: story.blocks.length ? 'end' : 'top' }
            : { ...story.byline, credits: [...story.byline.credits, ...credits] };
        this.role(story, line, 'byline');
        return;
      }
      case 'caption': {
        const split = splitCaptionCredit(line.text);
        story.captions.push({
          caption: split.caption,
          ...(split.credit ?? { creditName: '', creditKind: '摄' }),
        });
        this.role(story, line, 'caption');
        return;
      }
      case 'subhead':
        (story.blocks as Body[]).push({
          type: 'subhead',
          text: line.text,
          parts: [{ n: line.n, text: line.text }],
        });
        this.role(story, line, 'subhead');
        return;
      case 'paragraph':
      case 'headline':
        this.addBody(story, line, next, true);
        return;
    }
  }

  /** A credit line: the credit of the caption just above, or of the paragraph before it, now a caption. */
  private takeCredit(story: PageStory, line: Line, credit: CaptionCredit): void {
    this.role(story, line, 'credit');
    const lastCaption = story.captions[story.captions.length - 1];
    const before = story.lines[story.lines.length - 2];
    if (lastCaption && !lastCaption.creditName && before?.role === 'caption') {
      Object.assign(lastCaption, credit);
      return;
    }
    const blocks = story.blocks as Body[];
    const last = blocks[blocks.length - 1];
    let caption = '';
    if (last?.type === 'paragraph' && before?.role === 'paragraph') {
      // The last line before the credit is the caption; a join that took it into a paragraph is undone.
      const part = last.parts.pop()!;
      caption = part.text;
      if (last.parts.length === 0) blocks.pop();
      else {
        last.text = last.parts.map((p) => p.text).join('');
        story.joins = story.joins.filter((j) => j.line !== part.n);
      }
      const entry = story.lines.find((l) => l.line === part.n);
      if (entry) entry.role = 'caption';
    }
    story.captions.push({ caption, ...credit });
  }

  /** `paragraph`: never a subhead; `record`: the line's role is not listed yet (a lead's rest is). */
  private addBody(
    story: PageStory,
    line: Line,
    next: Line | undefined,
    paragraph: boolean,
    record = true,
  ): void {
    const t = line.text;
    const blocks = story.blocks as Body[];
    const last = blocks[blocks.length - 1];
    const nextIsCredit = next ? readPageCreditLine(next.text) !== null : false;
    const short = Array.from(t).length <= SUBHEAD_MAX && !/[，。；,]/u.test(t) && !endsSentence(t);
    const nextShort = next
      ? Array.from(next.text).length <= SUBHEAD_MAX && !/[，。；,]/u.test(next.text)
      : true;
    if (!paragraph && short && next && !nextIsCredit && !nextShort && !continuesText(t)) {
      blocks.push({ type: 'subhead', text: t, parts: [{ n: line.n, text: t }] });
      this.role(story, line, 'subhead');
      return;
    }
    if (record) this.role(story, line, 'paragraph');
    if (last?.type === 'paragraph' && !last.sealed && !endsSentence(last.text) && !nextIsCredit) {
      const tail = Array.from(last.text).slice(-6).join('');
      const head = Array.from(t).slice(0, 6).join('');
      last.text += t;
      last.parts.push({ n: line.n, text: t });
      story.joins.push({ line: line.n, end: tail, start: head });
      return;
    }
    blocks.push({ type: 'paragraph', text: t, parts: [{ n: line.n, text: t }] });
  }

  /** Merges, headlines of untitled stories, regions, and the notes that need the final stories. */
  finish(): PageSplit {
    const stories: PageStory[] = [];
    for (const s of this.stories) {
      const before = stories[stories.length - 1];
      const merge = this.correction('merge', s.firstLine);
      if (merge && before) {
        this.used.add(merge);
        mergeInto(before, s);
        const label = this.labels.get(s);
        if (label && !before.regionLabel) {
          before.regionLabel = s.regionLabel;
          this.labels.set(before, label);
        }
      } else stories.push(s);
    }
    const notes = this.notes;
    stories.forEach((s, k) => {
      notes.push(...(this.storyNotes.get(s) ?? []));
      s.blocks = s.blocks.map((b) => ({ type: b.type, text: b.text }));
      const titled = s.continued || s.lines.some((l) => l.role === 'headline');
      if (!titled) {
        s.headline = s.blocks.length
          ? shorten(s.blocks[0]!.text, 20)
          : shorten(s.captions[0]?.caption ?? '', 20);
        const params = { line: s.firstLine, headline: s.headline };
        if (k === 0)
          notes.push(
            note(
              'orphan',
              s.headline,
              'text before the first headline: kept as a story without a headline',
              params,
            ),
          );
        else
          notes.push(
            note(
              'story-untitled',
              s.headline,
              `the story from line ${s.firstLine} has no headline: titled by its first words`,
              params,
            ),
          );
      }
      const label = this.labels.get(s);
      if (label) this.resolveRegion(s, label);
      for (const j of s.joins)
        notes.push(
          note(
            'joined',
            `${j.end}|${j.start}`,
            `joined two lines cut by a column break: "…${j.end}" + "${j.start}…"`,
            {
              line: j.line,
            },
          ),
        );
      for (const c of s.captions) {
        const headline = shorten(s.headline, 20);
        notes.push(
          c.caption
            ? note(
                'caption-attached',
                c.caption,
                `caption attached to "${headline}": check it belongs there`,
                { headline },
              )
            : note(
                'credit-without-caption',
                `${c.creditName} ${c.creditKind}`,
                `a photo credit without a caption line, attached to "${headline}"`,
                { headline },
              ),
        );
      }
    });
    for (const b of this.boxes)
      notes.push(
        note(
          'box',
          b.lines.map((l) => l.text).join(' '),
          `lines ${b.firstLine}–${b.lastLine} are a slogan box: kept as a box, not a story`,
          {
            first: b.firstLine,
            last: b.lastLine,
            count: b.lines.length,
          },
        ),
      );
    for (const c of this.corrections)
      if (!this.used.has(c))
        notes.push(
          note('correction-unused', '', `the correction at line ${c.line} names no line it could change`, {
            line: c.line,
          }),
        );
    return { stories, boxes: this.boxes, notes };
  }

  private resolveRegion(s: PageStory, label: RegionLabel): void {
    const text = [s.kicker, s.headline, s.subheadline, s.blocks[0]?.text ?? ''].join(' ');
    const fits: RegionEntry[] = narrowRegion(label.matches, text);
    if (fits.length === 1) {
      const [{ code, path }] = fits as [RegionEntry];
      s.region = { code, path };
      this.notes.push(
        note(
          'region-label',
          label.label,
          `"${label.label}" above the headline is the story's region: ${path.join('')}`,
          {
            label: label.label,
            region: path.join(''),
            headline: shorten(s.headline, 20),
          },
        ),
      );
    } else if (fits.length === 0) {
      this.notes.push(
        note(
          'region-unlisted',
          label.label,
          `"${label.label}" above the headline is a region label; no region list`,
          {
            label: label.label,
            headline: shorten(s.headline, 20),
          },
        ),
      );
    } else {
      this.notes.push(
        note(
          'region-unresolved',
          label.label,
          `"${label.label}" above the headline names ${fits.length} divisions: choose the region`,
          {
            label: label.label,
            count: fits.length,
            names: fits.map((f) => f.path.join('')).join('、'),
            headline: shorten(s.headline, 20),
          },
        ),
      );
    }
  }
}

/** The credits of a line an editor marked as the byline: as a byline reads, else an organisation. */
function bylineCredits(text: string): Credit[] {
  const t = text.trim().replace(/^(?:文|作者)[/／:：]\s*/u, '');
  const read = readBylineLine(t, true) ?? readEndByline(t) ?? readLead(t);
  if (read && read.credits.length) return read.credits;
  const name = t.replace(/^[■（(]\s*|\s*[）)]$/gu, '').trim() || t;
  return [{ kind: 'organisation', name }];
}

/** The story `s` continues `into`: its head parts become subheads and its byline text a paragraph. */
function mergeInto(into: PageStory, s: PageStory): void {
  const blocks: PageBlock[] = [];
  for (const l of s.lines) {
    if (l.role === 'region' || l.role === 'kicker' || l.role === 'headline' || l.role === 'subheadline') {
      if (l.role === 'region' && !into.regionLabel) continue;
      blocks.push({ type: 'subhead', text: l.text });
      l.role = 'subhead';
    }
  }
  let body = [...s.blocks];
  if (!into.dateline && into.byline.credits.length === 0) {
    into.dateline = s.dateline;
    into.byline = s.byline;
  } else if (s.byline.credits.length || s.dateline) {
    const text = bylineText(s.byline, s.dateline).replace(/\n/g, ' ');
    if (s.byline.position === 'lead' && body[0])
      body = [{ ...body[0], text: text + body[0].text }, ...body.slice(1)];
    else if (s.byline.position === 'end') body.push({ type: 'paragraph', text });
    else body.unshift({ type: 'paragraph', text });
    for (const l of s.lines) if (l.role === 'byline') l.role = 'paragraph';
  }
  into.blocks.push(...blocks, ...body);
  into.captions.push(...s.captions);
  into.jumps.push(...s.jumps);
  into.joins.push(...s.joins);
  into.lines.push(...s.lines);
  into.lastLine = Math.max(into.lastLine, s.lastLine);
}

/** The head lines' parts; returns each line's role. `marked[k]`: an editor marked line k the headline. */
function assignHead(
  story: PageStory,
  head: readonly Line[],
  marked: readonly boolean[],
  noteOn: (n: ImportNote) => void,
): PageLineRole[] {
  type Part = Line & { at: number[]; marked: boolean };
  const parts: Part[] = head.map((l, k) => ({ ...l, at: [k], marked: marked[k]! }));
  const roles: PageLineRole[] = head.map(() => 'headline');
  // A head line ending in a colon is the region prefix of the next one ("某某县：" / "精准发力…").
  for (let k = 0; k < parts.length - 1; k++) {
    if (/[：:]$/u.test(parts[k]!.text) && !readSubheadlineDash(parts[k + 1]!.text)) {
      const a = parts[k]!;
      const b = parts[k + 1]!;
      const md = Math.min(a.md || 9, b.md || 9) % 9;
      parts.splice(k, 2, {
        ...b,
        text: `${a.text}${b.text}`,
        md,
        at: [...a.at, ...b.at],
        marked: a.marked || b.marked,
      });
    }
  }
  const dashAt = parts.findIndex((l) => readSubheadlineDash(l.text));
  if (dashAt >= 0) {
    const dash = readSubheadlineDash(parts[dashAt]!.text)!;
    story.subheadline = dash.text;
    if (dash.fixed)
      noteOn(note('subheadline-dash', parts[dashAt]!.text, 'the 副题 dash was written as "——"'));
    for (const k of parts[dashAt]!.at) roles[k] = 'subheadline';
    parts.splice(dashAt, 1);
  }
  if (parts.length === 0) return roles;
  const topLevel = parts.filter((l) => l.md === 1);
  const markedAt = parts.findIndex((l) => l.marked);
  let headAt = topLevel.length === 1 ? parts.indexOf(topLevel[0]!) : parts.length - 1;
  if (topLevel.length !== 1 && dashAt > 0 && dashAt <= parts.length)
    headAt = Math.min(parts.length - 1, dashAt - 1);
  if (markedAt >= 0) headAt = markedAt;
  story.headline = parts[headAt]!.text;
  for (const k of parts[headAt]!.at) roles[k] = 'headline';
  const above = parts.slice(0, headAt);
  const below = parts.slice(headAt + 1);
  for (const p of above) for (const k of p.at) roles[k] = 'kicker';
  if (above.length) story.kicker = above.map((l) => l.text).join(' ');
  if (below.length && !story.subheadline) {
    story.subheadline = below.map((l) => l.text).join(' ');
    for (const p of below) for (const k of p.at) roles[k] = 'subheadline';
  } else if (below.length) {
    story.kicker = [story.kicker, ...below.map((l) => l.text)].filter(Boolean).join(' ');
    for (const p of below) for (const k of p.at) roles[k] = 'kicker';
  }
  return roles;
}

/** The page's non-empty lines as read: "#" heads noted, emphasis marks and ideographic spaces taken away. */
function pageLines(text: string): { lines: Line[]; emphasis: number } {
  const lines: Line[] = [];
  let emphasis = 0;
  normalizeNewlines(text)
    .split('\n')
    .forEach((raw, i) => {
      let t = raw.replace(/\u3000/g, ' ').trim();
      const md = /^(#{1,6})\s+/u.exec(t);
      if (md) t = t.slice(md[0].length).trim();
      const plain = stripEmphasis(t);
      emphasis += plain.count;
      t = plain.text.trim();
      if (t) lines.push({ n: i + 1, text: t, md: md ? (md[1] as string).length : 0 });
    });
  return { lines, emphasis };
}

export function splitPageText(text: string, options: SplitOptions = {}): PageSplit {
  const { lines, emphasis } = pageLines(text);
  const reader = new PageReader(lines, options.regions ?? null, options.corrections ?? []);
  if (emphasis > 0)
    reader.notes.push(
      note('emphasis-removed', '**', `${emphasis} emphasis mark(s) "**…**" were taken away`, {
        count: emphasis,
      }),
    );
  reader.read();
  return reader.finish();
}

/** A line that can only continue a sentence: it starts with punctuation that never opens one. */
function continuesText(t: string): boolean {
  return /^[，。、；：,.;:！？）」』”’]/u.test(t);
}
