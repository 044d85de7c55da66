/**
 * From the blocks of an incoming document (DOCX, .txt, markdown without front
 * matter) to a story: headline parts, 电头 and byline, subheads, photos with their
 * captions and credits, jump lines, an end byline. What could not be recognised
 * stays in the body as text and is listed in `notes` (issue 8).
 *
 * Headline parts come from styles when the document has them (Title/标题/主题,
 * Subtitle/副标题/副题, 引题, Heading 1), otherwise from position and length: the
 * short lines before the first byline, lead or long paragraph; a line starting with
 * a dash is the 副题; of two other lines the first is the 引题 (a guess, noted).
 */
import {
  bodyFromBlocks,
  contentOf,
  newStory,
  StoryContentSchema,
  type BodyBlock,
  type Byline,
  type Credit,
  type JumpLine,
  type Photo,
  type StoryContent,
} from '../model';
import { note, type ImportNote } from './import-note';
import type { SourceBlock } from './source-block';
import {
  looksLikeCaption,
  readBylineLine,
  readCreditLine,
  readEndByline,
  readJump,
  readLead,
  readSubheadlineDash,
  splitCaptionCredit,
  type CaptionCredit,
} from './story-lines';

export type RecogniseOptions = {
  /** The stored photo file for an image block's ref; null when the image was refused (a note says why). */
  photoFile?: (ref: string) => string | null;
};

export type RecognisedStory = { content: StoryContent; notes: ImportNote[] };

type Text = Extract<SourceBlock, { kind: 'text' }>;

/** A head line: short, no sentence end, not a lead, byline or jump. */
const HEAD_MAX = 50;
const SUBHEAD_MAX = 30;
const MAX_JUMPS = 4;
const MAX_PHOTOS = 100;

function isHeadLike(b: Text): boolean {
  const t = b.text.trim();
  if (b.style === 'title' || b.style === 'subtitle' || b.style === 'kicker' || b.style === 'heading1')
    return true;
  if (b.style === 'heading2') return true;
  if (b.style !== 'normal' || b.fromTable) return false;
  if (Array.from(t).length > HEAD_MAX || /[。；]$/u.test(t)) return false;
  if (readLead(t) || readJump(t) || readBylineLine(t, false) || t.startsWith('■') || readCreditLine(t))
    return false;
  return true;
}

export function recogniseStory(
  input: readonly SourceBlock[],
  options: RecogniseOptions = {},
): RecognisedStory {
  const notes: ImportNote[] = [];
  const blocks = input.filter((b) => b.kind === 'image' || b.text.trim() !== '');
  let i = 0;

  // ---- headline parts
  const head: Text[] = [];
  while (i < blocks.length && head.length < 6) {
    const b = blocks[i]!;
    if (b.kind !== 'text' || !isHeadLike(b)) break;
    // A line of names alone after a plain headline is the byline (曾某某, 宋某 梁某), not a head line.
    if (head.length > 0 && b.style === 'normal' && readBylineLine(b.text, true)?.noRole) break;
    // Subheads (heading 2) start the body once a headline was seen and the next block is body text.
    if (
      b.style === 'heading2' &&
      head.some((h) => h.style === 'title' || h.style === 'heading1') &&
      !readSubheadlineDash(b.text)
    )
      break;
    head.push(b);
    i++;
  }
  // A head made only of plain lines followed by plain text: at most the first 3 are headline parts.
  let kicker = '';
  let headline = '';
  let subheadline = '';
  const styled = head.filter((h) => h.style !== 'normal');
  const extra: Text[] = [];
  if (styled.some((h) => h.style === 'title' || h.style === 'heading1')) {
    const titleAt = head.findIndex((h) => h.style === 'title' || h.style === 'heading1');
    head.forEach((h, n) => {
      const t = h.text.trim();
      const dash = readSubheadlineDash(t);
      if (n === titleAt) headline = t;
      else if (h.style === 'kicker' && !kicker) kicker = t;
      else if ((h.style === 'subtitle' || dash) && !subheadline && n > titleAt) {
        subheadline = dash ? dash.text : t;
        if (dash?.fixed) notes.push(note('subheadline-dash', t, 'the 副题 dash was written as "——"'));
      } else if (n < titleAt && !kicker) kicker = t;
      else if (n > titleAt && !subheadline && h.style !== 'normal') subheadline = t;
      else extra.push(h);
    });
  } else {
    const dashAt = head.findIndex((h) => readSubheadlineDash(h.text));
    const plain = head.filter((_, n) => n !== dashAt);
    if (dashAt >= 0) {
      const dash = readSubheadlineDash(head[dashAt]!.text)!;
      subheadline = dash.text;
      if (dash.fixed)
        notes.push(note('subheadline-dash', head[dashAt]!.text, 'the 副题 dash was written as "——"'));
    }
    const before = dashAt >= 0 ? plain.slice(0, dashAt) : plain;
    const after = dashAt >= 0 ? plain.slice(dashAt) : [];
    const subtitle = before.find((h) => h.style === 'subtitle');
    const lines = before.filter((h) => h !== subtitle);
    if (subtitle && !subheadline) subheadline = subtitle.text.trim();
    if (lines.length === 1) headline = lines[0]!.text.trim();
    else if (lines.length >= 2) {
      kicker = lines[0]!.text.trim();
      headline = lines[1]!.text.trim();
      notes.push(
        note('head-guessed', kicker, 'the line above the headline was taken for the 引题 (kicker)', {
          part: 'kicker',
        }),
      );
      if (lines.length >= 3 && !subheadline) {
        subheadline = lines[2]!.text.trim();
        notes.push(
          note('head-guessed', subheadline, 'the line below the headline was taken for the 副题', {
            part: 'subheadline',
          }),
        );
        extra.push(...lines.slice(3));
      } else extra.push(...lines.slice(2));
    }
    extra.push(...after);
  }
  if (!headline) notes.push(note('head-unrecognised', '', 'no headline was found; write one before saving'));
  // Head lines that fit nowhere go back to the body, in order, before everything else.
  const bodyStart: SourceBlock[] = extra;
  for (const x of extra)
    notes.push(note('head-unrecognised', x.text, 'a line above the body was kept as a paragraph'));

  // ---- byline lines under the headline
  const credits: Credit[] = [];
  let position: Byline['position'] = 'lead';
  while (i < blocks.length) {
    const b = blocks[i]!;
    if (b.kind !== 'text') break;
    const read =
      b.style === 'byline' || head.length > 0
        ? readBylineLine(b.text, credits.length === 0 && head.length > 0)
        : null;
    if (!read) break;
    credits.push(...read.credits);
    position = 'top';
    if (read.noRole)
      notes.push(note('byline-no-role', b.text, 'names without a role (记者, 通讯员 …): check the byline'));
    i++;
  }

  const rest = [...bodyStart, ...blocks.slice(i)];
  const body: BodyBlock[] = [];
  const photos: Photo[] = [];
  const jumps: JumpLine[] = [];
  let dateline = '';
  let seenText = false;

  const addPhoto = (ref: string, name: string, caption: string, credit: CaptionCredit | null): boolean => {
    const file = options.photoFile ? options.photoFile(ref) : null;
    if (!file) return false;
    if (photos.length >= MAX_PHOTOS) {
      notes.push(note('over-limit', name, `more than ${MAX_PHOTOS} photos: ${name} was left out`));
      return false;
    }
    const id = `photo-${photos.length + 1}`;
    photos.push({
      id,
      file,
      caption,
      creditName: credit?.creditName ?? '',
      creditKind: credit?.creditKind ?? '摄',
      ...(credit?.creditPrinted ? { creditPrinted: credit.creditPrinted } : {}),
    });
    body.push({ type: 'photo', photoId: id });
    return true;
  };

  for (let n = 0; n < rest.length; n++) {
    const b = rest[n]!;
    if (b.kind === 'image') {
      // The caption is the next text block when it reads as one (or is styled so); a credit line may follow.
      const next = rest[n + 1];
      let caption = '';
      let credit: CaptionCredit | null = null;
      let used = 0;
      if (
        next?.kind === 'text' &&
        (next.style === 'caption' || looksLikeCaption(next.text) || readCreditLine(next.text))
      ) {
        const only = readCreditLine(next.text);
        if (only) {
          credit = only;
          used = 1;
        } else {
          const split = splitCaptionCredit(next.text);
          caption = split.caption;
          credit = split.credit;
          used = 1;
          const after = rest[n + 2];
          const creditLine = !credit && after?.kind === 'text' ? readCreditLine(after.text) : null;
          if (creditLine) {
            credit = creditLine;
            used = 2;
          }
        }
      }
      if (addPhoto(b.ref, b.name, caption, credit)) {
        if (!caption) notes.push(note('photo-without-caption', b.name, 'a photo has no caption: write one'));
        n += used;
      }
      continue;
    }
    const t = b.text.trim();
    const isLast = rest
      .slice(n + 1)
      .every((x) => x.kind === 'text' && (readJump(x.text) || x.text.trim() === ''));
    if (!seenText) {
      const lead = readLead(t);
      if (lead) {
        dateline = lead.dateline;
        // The lead repeating the names printed under the headline credits them once.
        const printedAbove = new Set(credits.flatMap((c) => (c.kind === 'person' ? c.names : [c.name])));
        const leadNames = lead.credits.flatMap((c) => (c.kind === 'person' ? c.names : [c.name]));
        if (lead.credits.length && leadNames.every((name) => printedAbove.has(name))) {
          position = 'lead';
        } else if (lead.credits.length) {
          credits.push(...lead.credits);
          position = 'lead';
          if (lead.noRole)
            notes.push(
              note(
                'byline-no-role',
                t.slice(0, 30),
                'the lead names people without a role (记者, 通讯员 …): check the byline',
              ),
            );
          if (lead.halfwidth)
            notes.push(
              note(
                'byline-halfwidth',
                t.slice(0, 30),
                'the byline had half-width brackets; it prints with full-width （）',
              ),
            );
        } else if (lead.unreadable) {
          notes.push(
            note(
              'byline-unrecognised',
              lead.unreadable,
              'the bracket after the 电头 is not a byline: kept as text',
            ),
          );
        }
        seenText = true;
        if (lead.rest.trim()) body.push({ type: 'paragraph', text: lead.rest.trim() });
        continue;
      }
    }
    const jump = readJump(t);
    if (jump) {
      if (jumps.length < MAX_JUMPS) {
        jumps.push({ id: `jump-${jumps.length + 1}`, direction: jump.direction, page: jump.page });
        notes.push(
          note('jump', t, `jump line ${jump.direction === 'to' ? 'to' : 'from'} ${jump.page}`, {
            page: jump.page,
            direction: jump.direction,
          }),
        );
        continue;
      }
      notes.push(note('over-limit', t, 'more than four jump lines: kept as text'));
    }
    if (isLast && seenText) {
      const end = readEndByline(t) ?? (t.startsWith('■') ? readBylineLine(t, false) : null);
      if (end && credits.length === 0) {
        credits.push(...end.credits);
        position = 'end';
        continue;
      }
      if (end) notes.push(note('byline-unrecognised', t, 'a second byline at the end: kept as text'));
    }
    if (b.style === 'caption' || (looksLikeCaption(t) && /^(图为|图[:：])/u.test(t)) || readCreditLine(t)) {
      notes.push(
        note(
          'caption-without-photo',
          t,
          'a caption or photo credit with no photo to attach it to: kept as a paragraph',
        ),
      );
      body.push({ type: 'paragraph', text: t });
      seenText = true;
      continue;
    }
    if (isSubhead(b, seenText, rest[n + 1])) {
      body.push({ type: 'subhead', text: t });
      continue;
    }
    body.push({ type: 'paragraph', text: t });
    seenText = true;
  }

  const draft = contentOf(newStory('imported-story', '', ''));
  const paragraphs = body.filter((x) => x.type === 'paragraph').length;
  const subheads = body.filter((x) => x.type === 'subhead').length;
  const kind: StoryContent['kind'] =
    photos.length > 0 && paragraphs === 0
      ? '图片新闻'
      : dateline
        ? '消息'
        : credits.some((c) => c.kind === 'organisation')
          ? '工作经验'
          : subheads >= 2
            ? '通讯'
            : '消息';
  const content: StoryContent = {
    ...draft,
    kind,
    kicker: clip(kicker, 200),
    headline: clip(headline, 200),
    subheadline: clip(subheadline, 300),
    dateline: clip(dateline, 60),
    byline: { credits: credits.slice(0, 20), position },
    body: bodyFromBlocks(body.length ? body : [{ type: 'paragraph', text: '' }]),
    photos,
    jumps,
  };
  const checked = StoryContentSchema.safeParse(content);
  if (!checked.success) {
    // Only lengths can fail here (a 41-character name…): keep the text, drop the structure, say so.
    notes.push(
      note(
        'byline-unrecognised',
        '',
        `the byline could not be stored (${checked.error.issues[0]?.message ?? ''}): check it`,
      ),
    );
    return { content: { ...content, byline: { credits: [], position: 'lead' } }, notes };
  }
  return { content: checked.data, notes };
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** A subhead: a heading style, a short bold paragraph, or a short plain line between paragraphs. */
function isSubhead(b: Text, seenText: boolean, next: SourceBlock | undefined): boolean {
  const t = b.text.trim();
  const length = Array.from(t).length;
  if (b.style === 'heading1' || b.style === 'heading2' || b.style === 'title') return length <= 60;
  if (b.style !== 'normal' || b.fromTable) return false;
  if (length > SUBHEAD_MAX || /[。，；：:,！？…]/u.test(t.slice(-1))) return false;
  if (b.bold) return true;
  // A plain short line counts only inside the body, before more body text, and without a comma inside.
  if (!seenText || !next || next.kind !== 'text') return false;
  if (/[，。；,]/u.test(t)) return false;
  return Array.from(next.text.trim()).length > length;
}
