/**
 * The plain-text story format used for tests, import and the CLI.
 *
 * A `.md` story is YAML front matter and a body:
 *
 * ```
 * ---
 * kind: 消息
 * kicker: 深化基层治理
 * headline: 某某村：党员“包片”把小事办在家门口
 * subheadline: ——某某县推行网格党建的一点做法
 * region: { code: "520113", path: [贵州省, 贵阳市, 白云区] }
 * dateline: 本报讯
 * byline: { position: lead, credits: [{ role: 记者, names: [张三] }, { role: 通讯员, names: [李四, 王五] }] }
 * page: B6
 * slot: 1
 * figures:
 *   - { label: 投入资金, value: "1758", unit: 万元, qualifier: 余, asOf: 2024-06 }
 * jumps:
 *   - { to: B7 }
 * ignored:
 *   - { rule: duplicate.run, field: body, text: "……", reason: 引用原文，保留, by: 张三, at: "2026-11-02T08:00:00.000Z" }
 * ---
 *
 * 第一段正文。
 *
 * ## 小标题
 *
 * > 引文
 *
 * ![图为……](3f9a0c1d2e4b5a69.jpg "张三 摄")
 * ```
 *
 * Body: every non-empty line is one block (blank lines only separate): `## ` a
 * subhead (`###`…`######` read the same), `> ` a quote, `![caption](file "credit")`
 * a photo, anything else a paragraph. Lines are trimmed; backslash escapes
 * (story-text-escape.ts) carry what a trim or a marker would lose, and a line that
 * is only `\` is an empty paragraph.
 *
 * Photos: each photo line defines the next entry of `photos`, in order; its id is
 * `photo-<n>` (n counting from 1) unless the line ends in `{#id}`. `![][id]`
 * places an already defined photo again. When the body does not show every photo
 * exactly once and in order, the writer lists the photos in the front matter
 * (`photos: [{ id, file, caption, creditName, creditKind }]`) and the body refers
 * to them with `![][id]`.
 *
 * Front-matter shorthand a person may type:
 * - `byline: "记者 张三 通讯员 李四"` (role and name may touch: "记者张三"), or
 *   `byline: "■中共某某县委组织部"` for an organisation (position top); in the map
 *   form, `credits` may be such a string and each credit may be one too;
 * - `region: "520113 贵州省 贵阳市 白云区"` (code, then the names province→county); where the
 *   reader is given the region list (ParseStoryOptions.resolveRegion), also a name alone
 *   (`region: 播州区`, `region: 贵阳 白云区`), a full name or a bare code;
 * - `jumps: [下转B7版, 上接B5版]`, or `{ to: B7 }` / `{ from: B5 }`;
 * - figures, jumps and photos may leave out `id` (`figure-<n>`, `jump-<n>`,
 *   `photo-<n>`), figures also `qualifier` and `asOf`.
 * A missing key is empty (`kind` is 消息), except `headline`, which must be there.
 *
 * Round trip: `parseStoryMarkdown(writeStoryMarkdown(c))` deep-equals `c` for
 * every valid content whose body is made of blocks (`bodyFromBlocks`), whose ids
 * are unique within photos, figures and jumps, and whose body photos all exist.
 * Rich text inside a paragraph (bold, links) is not part of this format.
 */
import { Document, isMap, isSeq, type Node as YamlNode } from 'yaml';

import {
  blocksOfBody,
  BYLINE_POSITIONS,
  bodyFromBlocks,
  BYLINE_ROLES,
  contentOf,
  FIGURE_QUALIFIERS,
  newStory,
  PAGE_NAME,
  PHOTO_CREDIT_KINDS,
  STORY_KINDS,
  StoryContentSchema,
  type BodyBlock,
  type Byline,
  type Credit,
  type IgnoredFinding,
  type JumpLine,
  type KeyFigure,
  type Photo,
  type Region,
  type StoryContent,
} from '../model';
import { entries, list, parseFrontMatter, text, type FmEntry, type FmNode } from './front-matter';
import { parsePhotoCredit, writePhotoCredit } from './photo-credit';
import { StoryFormatError } from './story-format-error';
import { escapeText, findUnescaped, unescapeText } from './story-text-escape';

export { StoryFormatError } from './story-format-error';

export type ParseStoryOptions = {
  /**
   * Turns the file reference of a photo line into a stored photo file name, e.g.
   * by importing `photos/tea-garden.jpg` into the data folder. The default keeps
   * the last path segment, which must already be a stored name (hex + extension).
   */
  photoFile?: (src: string, line: number) => string;
  /**
   * Resolves a region written as a name or a bare code (`region: 播州区`, `region: 贵阳 白云区`,
   * `region: 贵州省遵义市播州区`, `region: 520113`) through the GB/T 2260 list, as the region
   * picker searches it. Null leaves the story without a region: the resolver notes why
   * (no such division, or several of that name to choose from) and the file is still read.
   * Without it a region is written as its code and names (`520113 贵州省 贵阳市 白云区`).
   */
  resolveRegion?: (written: string, line: number) => Region | null;
};

const FRONT_KEYS = [
  'kind',
  'kicker',
  'headline',
  'subheadline',
  'region',
  'dateline',
  'byline',
  'page',
  'slot',
  'figures',
  'jumps',
  'photos',
  'ignored',
] as const;

const STORED_PHOTO = /^[a-f0-9]{16,64}\.(jpg|png|webp)$/;

/** Strips a byte-order mark and turns CRLF and CR into LF. */
export function normalizeNewlines(input: string): string {
  return input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Where each part of the content came from, for errors found after reading. */
class Lines {
  private readonly at = new Map<string, number>();
  set(path: ReadonlyArray<string | number>, line: number): void {
    this.at.set(path.join('.'), line);
  }
  find(path: ReadonlyArray<PropertyKey>): number | null {
    for (let n = path.length; n > 0; n--) {
      const line = this.at.get(path.slice(0, n).map(String).join('.'));
      if (line !== undefined) return line;
    }
    return null;
  }
}

// ---------------------------------------------------------------- reading

/**
 * The problems found so far: each part of a file is read on its own, so one mistake
 * does not hide the next (issue 19: a file's problems are listed all at once).
 */
class Problems {
  readonly found: StoryFormatError[] = [];
  attempt<T>(read: () => T, fallback: T): T {
    try {
      return read();
    } catch (err) {
      if (!(err instanceof StoryFormatError)) throw err;
      this.found.push(err);
      return fallback;
    }
  }
  throwIfAny(): void {
    if (this.found.length > 0) throw StoryFormatError.all(this.found);
  }
}

export function parseStoryMarkdown(input: string, options: ParseStoryOptions = {}): StoryContent {
  const lines = normalizeNewlines(input).split('\n');
  if (lines[0]?.trim() !== '---') {
    throw new StoryFormatError(
      1,
      'a story file starts with a "---" line, then the front matter (headline: …)',
    );
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
  if (end < 0) throw new StoryFormatError(1, 'the front matter has no closing "---" line');

  const where = new Lines();
  const problems = new Problems();
  const parsed = problems.attempt(() => parseFrontMatter(lines.slice(1, end).join('\n'), 2), null);
  const front = parsed === null || (parsed.t === 'scalar' && parsed.text === null) ? emptyMap(2) : parsed;
  const content = readFront(front, where, options, problems, parsed !== null);
  problems.attempt(
    () =>
      checkUnique(
        content.figures.map((f) => f.id),
        'figure',
        (i) => where.find(['figures', i]),
      ),
    undefined,
  );
  problems.attempt(
    () =>
      checkUnique(
        content.jumps.map((j) => j.id),
        'jump',
        (i) => where.find(['jumps', i]),
      ),
    undefined,
  );
  const body = readBody(lines, end + 1, content.photos, where, options, problems);
  content.body = bodyFromBlocks(body);
  problems.throwIfAny();

  const checked = StoryContentSchema.safeParse(content);
  if (!checked.success) {
    for (const issue of checked.error.issues.slice(0, 20)) {
      const path = issue.path;
      problems.found.push(
        new StoryFormatError(where.find(path), `${path.join('.') || 'story'}: ${issue.message}`, 'invalid', {
          field: path.join('.') || 'story',
          message: issue.message,
        }),
      );
    }
    problems.throwIfAny();
  }
  return checked.data as StoryContent;
}

function emptyMap(line: number): FmNode {
  return { t: 'map', line, entries: [] };
}

function readFront(
  front: FmNode,
  where: Lines,
  options: ParseStoryOptions,
  problems: Problems,
  parsed: boolean,
): StoryContent {
  const keys = new Map<string, FmEntry>();
  if (front.t !== 'map') {
    problems.attempt(() => entries(front, 'front matter', FRONT_KEYS), null);
  } else {
    // Each key on its own: an unknown key is one problem, the known ones are still read.
    for (const entry of front.entries) {
      const known = problems.attempt(
        () => entries({ ...front, entries: [entry] }, 'front matter', FRONT_KEYS),
        null,
      );
      if (known) keys.set(entry.key, entry);
    }
  }
  for (const [key, entry] of keys) where.set([key], entry.line);
  const field = (key: (typeof FRONT_KEYS)[number]) => keys.get(key)?.value;
  const read = <T>(fn: () => T, fallback: T): T => problems.attempt(fn, fallback);

  const headline = keys.get('headline');
  if (!headline && parsed && front.t === 'map' && !front.entries.some((e) => e.key === 'headline')) {
    problems.found.push(
      new StoryFormatError(front.line, 'the front matter has no headline (headline: …)', 'noHeadline'),
    );
  }
  const kind = read(() => {
    const k = text(field('kind'), 'kind') || '消息';
    if (!(STORY_KINDS as readonly string[]).includes(k)) {
      throw new StoryFormatError(
        keys.get('kind')?.line ?? null,
        `kind "${k}" is not one of ${STORY_KINDS.join(', ')}`,
        'badKind',
        { value: k, known: STORY_KINDS.join('、') },
      );
    }
    return k;
  }, '消息');
  const each = <T>(key: (typeof FRONT_KEYS)[number], fn: (node: FmNode, i: number) => T): T[] =>
    list(field(key)).flatMap((node, i) => {
      const got = read<T[]>(() => [fn(node, i)], []);
      return got;
    });
  return {
    kind: kind as StoryContent['kind'],
    kicker: read(() => text(field('kicker'), 'kicker'), ''),
    headline: read(() => text(headline?.value, 'headline'), ''),
    subheadline: read(() => text(field('subheadline'), 'subheadline'), ''),
    dateline: read(() => text(field('dateline'), 'dateline'), ''),
    byline: read(() => readByline(field('byline'), where), { credits: [], position: 'lead' }),
    region: read(() => readRegion(field('region'), options), null),
    body: bodyFromBlocks([]),
    photos: each('photos', (node, i) => readFrontPhoto(node, i, where, options)),
    figures: each('figures', (node, i) => readFigure(node, i, where)),
    jumps: each('jumps', (node, i) => readJump(node, i, where)),
    page: read(() => readPage(field('page')), null),
    slot: read(() => readSlot(field('slot')), null),
    ignored: each('ignored', (node, i) => readIgnored(node, i, where)),
  };
}

function readIgnored(node: FmNode, index: number, where: Lines): IgnoredFinding {
  where.set(['ignored', index], node.line);
  const keys = entries(node, 'an ignored finding', ['rule', 'field', 'text', 'reason', 'by', 'at']);
  const value = (key: string) => text(keys.get(key)?.value, key);
  return {
    rule: value('rule'),
    text: value('text'),
    field: value('field'),
    reason: value('reason'),
    by: value('by'),
    at: value('at'),
  };
}

function readPage(node: FmNode | undefined): string | null {
  const page = text(node, 'page').trim();
  if (!page) return null;
  if (!PAGE_NAME.test(page))
    throw new StoryFormatError(node?.line ?? null, `page "${page}" must look like B6`, 'badPage', {
      value: page,
    });
  return page;
}

function readSlot(node: FmNode | undefined): number | null {
  const slot = text(node, 'slot').trim();
  if (!slot) return null;
  if (!/^\d{1,2}$/.test(slot) || Number(slot) < 1) {
    throw new StoryFormatError(
      node?.line ?? null,
      `slot "${slot}" must be a number from 1 to 99`,
      'badSlot',
      {
        value: slot,
      },
    );
  }
  return Number(slot);
}

function readRegion(node: FmNode | undefined, options: ParseStoryOptions): Region | null {
  if (!node) return null;
  let code: string;
  let path: string[];
  let line = node.line;
  if (node.t === 'scalar') {
    const words = (node.text ?? '').split(/[\s/]+/u).filter(Boolean);
    if (words.length === 0) return null;
    const byName = !/^\d{6}$/u.test(words[0] as string) || words.length === 1;
    if (options.resolveRegion && byName) return options.resolveRegion(words.join(' '), node.line);
    [code = '', ...path] = words;
  } else {
    const keys = entries(node, 'region', ['code', 'path']);
    code = text(keys.get('code')?.value, 'region code').trim();
    line = keys.get('code')?.line ?? line;
    const pathNode = keys.get('path')?.value;
    path =
      pathNode?.t === 'scalar'
        ? text(pathNode, 'region path')
            .split(/[\s/]+/u)
            .filter(Boolean)
        : list(pathNode).map((n) => text(n, 'a region name').trim());
  }
  if (!/^\d{6}$/.test(code)) {
    throw new StoryFormatError(
      line,
      `region code "${code}" must be a GB/T 2260 code of six digits, like "520113"`,
      'badRegionCode',
      { value: code },
    );
  }
  if (path.length === 0 || path.some((name) => !name)) {
    throw new StoryFormatError(
      line,
      `region ${code} needs its names too, e.g. "${code} 贵州省 贵阳市 白云区"`,
      'regionNames',
      { code },
    );
  }
  return { code, path };
}

// Longest roles first, so "本报记者张三" is 本报记者 + 张三, not 本报记 + ….
const ROLES_BY_LENGTH = [...BYLINE_ROLES].sort((a, b) => b.length - a.length);

function readByline(node: FmNode | undefined, where: Lines): Byline {
  if (!node || (node.t === 'scalar' && !node.text?.trim())) return { credits: [], position: 'lead' };
  if (node.t === 'scalar') {
    const printed = bylineAsPrinted(node.text ?? '');
    const credits = creditsOfText(printed.text, node.line);
    credits.forEach((_, i) => where.set(['byline', 'credits', i], node.line));
    const org = printed.text.startsWith('■');
    return { credits, position: printed.position ?? (org ? 'top' : 'lead') };
  }
  const keys = entries(node, 'byline', ['position', 'credits']);
  const position = text(keys.get('position')?.value, 'byline position').trim() || 'lead';
  if (!(BYLINE_POSITIONS as readonly string[]).includes(position)) {
    throw new StoryFormatError(
      keys.get('position')?.line ?? node.line,
      `byline position "${position}" is not one of ${BYLINE_POSITIONS.join(', ')}`,
    );
  }
  const credits = list(keys.get('credits')?.value).flatMap((item) => {
    const read = item.t === 'scalar' ? creditsOfText(item.text ?? '', item.line) : [readCredit(item)];
    return read.map((credit) => ({ credit, line: item.line }));
  });
  credits.forEach(({ line }, i) => where.set(['byline', 'credits', i], line));
  return { credits: credits.map((c) => c.credit), position: position as Byline['position'] };
}

function readCredit(node: FmNode): Credit {
  if (node.t === 'map' && node.entries.some((e) => e.key === 'org')) {
    const keys = entries(node, 'an organisation credit', ['org']);
    return { kind: 'organisation', name: text(keys.get('org')?.value, 'org') };
  }
  const keys = entries(node, 'a byline credit', ['role', 'names', 'org']);
  const names = keys.get('names')?.value;
  return {
    kind: 'person',
    role: text(keys.get('role')?.value, 'role'),
    names:
      names?.t === 'scalar'
        ? text(names, 'names').split(/\s+/u).filter(Boolean)
        : list(names).map((n) => text(n, 'a name')),
  };
}

/** 电头 forms a byline may be written after: 本报讯, 本报北京3月5日电, 新华社北京3月5日电. */
const LEAD_DATELINE =
  /^(?:本报讯|本报[\p{Script=Han}\d]{1,12}?电|[\p{Script=Han}]{1,8}[社网][\p{Script=Han}\d]{1,12}?电)/u;

/**
 * A byline typed as the page prints it: "（马孝）" is an end byline, "本报讯(赵鹏 王运红)"
 * a lead byline (the 电头 itself is the dateline field's). The brackets are form, not
 * credits; the inside is read by creditsOfText.
 */
function bylineAsPrinted(input: string): { text: string; position?: Byline['position'] } {
  const trimmed = input.trim();
  const lead = LEAD_DATELINE.exec(trimmed);
  const rest = lead ? trimmed.slice(lead[0].length).trim() : trimmed;
  const bracketed = /^[（(]([^（）()]*)[）)]$/u.exec(rest);
  if (bracketed) return { text: (bracketed[1] as string).trim(), position: lead ? 'lead' : 'end' };
  return { text: lead ? rest : trimmed };
}

/**
 * "本报记者 祁晓燕 通讯员 李璞 王敏", "记者张三", "■中共某某县委组织部"; names before any
 * role ("马孝", "赵鹏 王运红") are a credit without a role, as printed pages credit
 * correspondents (the copy rules say so, as information).
 */
export function creditsOfText(input: string, line: number): Credit[] {
  const trimmed = input.trim();
  if (trimmed.startsWith('■')) {
    return trimmed
      .split('■')
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => ({ kind: 'organisation', name }));
  }
  const credits: Array<{ kind: 'person'; role: string; names: string[] }> = [];
  for (const word of trimmed.split(/\s+/u).filter(Boolean)) {
    const role = ROLES_BY_LENGTH.find((r) => word.startsWith(r));
    if (role) {
      credits.push({
        kind: 'person',
        role,
        names: word.length > role.length ? [word.slice(role.length)] : [],
      });
    } else if (credits.length > 0) {
      credits[credits.length - 1]?.names.push(word);
    } else {
      credits.push({ kind: 'person', role: '', names: [word] });
    }
  }
  const empty = credits.find((c) => c.names.length === 0);
  if (empty) {
    throw new StoryFormatError(line, `byline: "${empty.role}" is not followed by a name`, 'roleWithoutName', {
      role: empty.role,
    });
  }
  return credits;
}

function readFigure(node: FmNode, index: number, where: Lines): KeyFigure {
  where.set(['figures', index], node.line);
  const keys = entries(node, 'a figure', ['id', 'label', 'value', 'unit', 'qualifier', 'asOf']);
  const qualifier = text(keys.get('qualifier')?.value, 'qualifier').trim();
  if (!(FIGURE_QUALIFIERS as readonly string[]).includes(qualifier)) {
    throw new StoryFormatError(
      keys.get('qualifier')?.line ?? node.line,
      `figure qualifier "${qualifier}" is not one of 余, 多, 约, 近 (or empty)`,
      'badQualifier',
      { value: qualifier },
    );
  }
  return {
    id: text(keys.get('id')?.value, 'id') || `figure-${index + 1}`,
    label: text(keys.get('label')?.value, 'label'),
    value: text(keys.get('value')?.value, 'value'),
    unit: text(keys.get('unit')?.value, 'unit'),
    qualifier: qualifier as KeyFigure['qualifier'],
    asOf: text(keys.get('asOf')?.value, 'asOf').trim(),
  };
}

const JUMP_TEXT = /^[（(]?\s*(上接|下转|from|to)\s*([A-Z]\d{1,2})\s*版?\s*[）)]?$/u;

function readJump(node: FmNode, index: number, where: Lines): JumpLine {
  where.set(['jumps', index], node.line);
  const defaultId = `jump-${index + 1}`;
  if (node.t === 'scalar') {
    const m = JUMP_TEXT.exec((node.text ?? '').trim());
    if (!m)
      throw new StoryFormatError(
        node.line,
        `jump "${node.text ?? ''}" must read like 下转B7版 or 上接B5版`,
        'badJump',
        { value: node.text ?? '' },
      );
    const direction = m[1] === '上接' || m[1] === 'from' ? 'from' : 'to';
    return { id: defaultId, direction, page: m[2] as string };
  }
  const keys = entries(node, 'a jump', ['id', 'to', 'from', 'direction', 'page']);
  const id = text(keys.get('id')?.value, 'id') || defaultId;
  const to = keys.get('to');
  const from = keys.get('from');
  let direction = text(keys.get('direction')?.value, 'direction').trim();
  let page = text(keys.get('page')?.value, 'page').trim();
  if (to || from) {
    if ((to && from) || direction || page) {
      throw new StoryFormatError(node.line, 'a jump is either { to: B7 } or { from: B5 }');
    }
    direction = to ? 'to' : 'from';
    page = text((to ?? from)?.value, 'page').trim();
  }
  if (direction !== 'to' && direction !== 'from') {
    throw new StoryFormatError(
      node.line,
      `jump direction "${direction}" must be "to" (下转) or "from" (上接)`,
    );
  }
  if (!PAGE_NAME.test(page)) throw new StoryFormatError(node.line, `jump page "${page}" must look like B7`);
  return { id, direction, page };
}

function readFrontPhoto(node: FmNode, index: number, where: Lines, options: ParseStoryOptions): Photo {
  where.set(['photos', index], node.line);
  const keys = entries(node, 'a photo', [
    'id',
    'file',
    'caption',
    'credit',
    'creditName',
    'creditKind',
    'creditPrinted',
  ]);
  let creditName = text(keys.get('creditName')?.value, 'creditName');
  let creditKind = text(keys.get('creditKind')?.value, 'creditKind') || '摄';
  let creditPrinted: string | undefined = keys.has('creditPrinted')
    ? text(keys.get('creditPrinted')?.value, 'creditPrinted')
    : undefined;
  const credit = keys.get('credit');
  if (credit) {
    ({ creditName, creditKind, creditPrinted } = parsePhotoCredit(text(credit.value, 'credit'), credit.line));
  }
  if (!(PHOTO_CREDIT_KINDS as readonly string[]).includes(creditKind)) {
    throw new StoryFormatError(node.line, `photo creditKind "${creditKind}" is not one of 摄, 供图, 图`);
  }
  return {
    id: text(keys.get('id')?.value, 'id') || `photo-${index + 1}`,
    file: resolveFile(text(keys.get('file')?.value, 'file'), keys.get('file')?.line ?? node.line, options),
    caption: text(keys.get('caption')?.value, 'caption'),
    creditName,
    creditKind: creditKind as Photo['creditKind'],
    ...(creditPrinted !== undefined ? { creditPrinted } : {}),
  };
}

function readBody(
  lines: readonly string[],
  start: number,
  photos: Photo[],
  where: Lines,
  options: ParseStoryOptions,
  problems: Problems,
): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  const refs: Array<{ id: string; line: number }> = [];
  for (let i = start; i < lines.length; i++) {
    problems.attempt(() => readBodyLine(lines, i, blocks, refs, photos, where, options), undefined);
  }
  problems.attempt(
    () =>
      checkUnique(
        photos.map((p) => p.id),
        'photo',
        (i) => where.find(['photos', i]),
      ),
    undefined,
  );
  for (const ref of refs) {
    if (!photos.some((p) => p.id === ref.id)) {
      problems.found.push(
        new StoryFormatError(ref.line, `no photo has the id "${ref.id}"`, 'noPhotoId', { id: ref.id }),
      );
    }
  }
  return blocks;
}

function readBodyLine(
  lines: readonly string[],
  i: number,
  blocks: BodyBlock[],
  refs: Array<{ id: string; line: number }>,
  photos: Photo[],
  where: Lines,
  options: ParseStoryOptions,
): void {
  {
    const line = (lines[i] as string).trim();
    const n = i + 1;
    if (!line) return;
    if (blocks.length === 0) where.set(['body'], n);
    let m: RegExpExecArray | null;
    if ((m = /^#{2,6}(?=\s|$)/.exec(line))) {
      blocks.push({ type: 'subhead', text: unescapeText(line.slice(m[0].length).trimStart(), n) });
    } else if (/^#(?=\s|$)/.test(line)) {
      throw new StoryFormatError(
        n,
        'the body has no "# " heading: the headline goes in the front matter, a subhead is "## "',
      );
    } else if (line.startsWith('>')) {
      blocks.push({ type: 'quote', text: unescapeText(line.slice(1).trimStart(), n) });
    } else if (line.startsWith('![')) {
      const photo = readPhotoLine(line, n, photos.length + 1, options);
      if ('ref' in photo) {
        refs.push({ id: photo.ref, line: n });
        blocks.push({ type: 'photo', photoId: photo.ref });
      } else {
        where.set(['photos', photos.length], n);
        photos.push(photo);
        blocks.push({ type: 'photo', photoId: photo.id });
      }
    } else {
      blocks.push({ type: 'paragraph', text: line === '\\' ? '' : unescapeText(line, n) });
    }
  }
}

/**
 * `![caption](file "credit"){#id}` or `![][id]`. The caption may hold balanced
 * brackets; `\]` escapes a lone one.
 */
function readPhotoLine(
  line: string,
  n: number,
  ordinal: number,
  options: ParseStoryOptions,
): Photo | { ref: string } {
  let depth = 0;
  let close = -1;
  for (let i = 2; i < line.length && close < 0; i++) {
    if (line[i] === '\\' && line.startsWith('u{', i + 1))
      i = line.indexOf('}', i) < 0 ? line.length : line.indexOf('}', i);
    else if (line[i] === '\\') i++;
    else if (line[i] === '[') depth++;
    else if (line[i] === ']') {
      if (depth === 0) close = i;
      else depth--;
    }
  }
  if (close < 0) throw new StoryFormatError(n, 'the photo caption has no closing "]"');
  const caption = unescapeText(line.slice(2, close), n);
  let rest = line.slice(close + 1);

  if (rest.startsWith('[')) {
    const end = findUnescaped(rest, ']', 1);
    if (end < 0 || rest.slice(end + 1).trim()) {
      throw new StoryFormatError(n, 'a photo reference reads ![][photo-id], alone on its line');
    }
    if (caption) {
      throw new StoryFormatError(
        n,
        'a photo reference ![][id] has no caption; the caption belongs where the photo is defined',
      );
    }
    return { ref: unescapeText(rest.slice(1, end), n) };
  }
  if (!rest.startsWith('(')) {
    throw new StoryFormatError(
      n,
      'a photo reads ![caption](file "credit"): "(" is missing after the caption',
    );
  }
  rest = rest.slice(1).trimStart();
  const src = /^[^\s)"]*/u.exec(rest)?.[0] ?? '';
  if (!src) throw new StoryFormatError(n, 'the photo has no file: ![caption](file "credit")');
  rest = rest.slice(src.length).trimStart();
  let credit: Pick<Photo, 'creditName' | 'creditKind' | 'creditPrinted'> = {
    creditName: '',
    creditKind: '摄',
  };
  if (rest.startsWith('"')) {
    const end = findUnescaped(rest, '"', 1);
    if (end < 0) throw new StoryFormatError(n, 'the photo credit has no closing quote');
    credit = parsePhotoCredit(rest.slice(1, end), n);
    rest = rest.slice(end + 1).trimStart();
  }
  if (!rest.startsWith(')')) {
    throw new StoryFormatError(n, 'a photo reads ![caption](file "credit"): expected ")" after the credit');
  }
  rest = rest.slice(1).trimStart();
  let id = `photo-${ordinal}`;
  if (rest.startsWith('{#')) {
    const end = findUnescaped(rest, '}', 2);
    if (end < 0) throw new StoryFormatError(n, 'the photo id has no closing "}"');
    id = unescapeText(rest.slice(2, end), n);
    rest = rest.slice(end + 1).trim();
  }
  if (rest) throw new StoryFormatError(n, `unexpected text after the photo: "${rest}"`);
  return { id, file: resolveFile(src, n, options), caption, ...credit };
}

function resolveFile(src: string, line: number, options: ParseStoryOptions): string {
  if (options.photoFile) return options.photoFile(src, line);
  const name = src.slice(src.lastIndexOf('/') + 1);
  if (!STORED_PHOTO.test(name)) {
    throw new StoryFormatError(
      line,
      `photo file "${src}" is not a stored photo name (16 to 64 hex digits, then .jpg, .png or .webp); import the photo first`,
      'photoFile',
      { value: src },
    );
  }
  return name;
}

function checkUnique(ids: readonly string[], what: string, lineOf: (index: number) => number | null): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new StoryFormatError(lineOf(i), `two ${what}s have the id "${id}"`);
    seen.add(id);
  });
}

/**
 * A `.txt` story: the first non-empty line is the headline, every further
 * non-empty line a paragraph. Everything else is a fresh draft's default.
 */
export function parseStoryText(input: string): StoryContent {
  const lines = normalizeNewlines(input)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const [headline, ...paragraphs] = lines;
  if (headline === undefined) {
    throw new StoryFormatError(null, 'the text is empty: its first line should be the headline');
  }
  const draft = contentOf(newStory('imported-text', '', ''));
  const content: StoryContent = {
    ...draft,
    headline,
    body: bodyFromBlocks(paragraphs.map((text) => ({ type: 'paragraph', text }))),
  };
  const checked = StoryContentSchema.safeParse(content);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const line = issue?.path[0] === 'headline' ? 1 : null;
    throw new StoryFormatError(line, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return checked.data;
}

// ---------------------------------------------------------------- writing

export function writeStoryMarkdown(content: StoryContent): string {
  const blocks = blocksOfBody(content.body);
  const placed = blocks.flatMap((b) => (b.type === 'photo' ? [b.photoId] : []));
  const inline =
    placed.length === content.photos.length && content.photos.every((p, i) => p.id === placed[i]);
  checkUnique(
    content.photos.map((p) => p.id),
    'photo',
    () => null,
  );

  const doc = new Document(frontObject(content, inline));
  for (const key of ['byline', 'region']) {
    const node = doc.get(key, true) as YamlNode | undefined;
    if (isMap(node)) node.flow = true;
  }
  for (const key of ['figures', 'jumps', 'photos', 'ignored']) {
    const seq = doc.get(key, true);
    if (isSeq(seq)) for (const item of seq.items) if (isMap(item)) item.flow = true;
  }
  const front = doc.toString({ lineWidth: 0, blockQuote: false, flowCollectionPadding: false });

  const photos = [...content.photos];
  const body = blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return block.text === '' ? '\\' : escapeLineStart(escapeText(block.text));
      case 'subhead':
        return block.text === '' ? '##' : `## ${escapeText(block.text)}`;
      case 'quote':
        return block.text === '' ? '>' : `> ${escapeText(block.text)}`;
      case 'photo': {
        if (!inline) return `![][${escapeText(block.photoId, '[]')}]`;
        const ordinal = content.photos.length - photos.length + 1;
        return photoLine(photos.shift() as Photo, ordinal);
      }
    }
  });
  return `---\n${front}---\n${body.map((line) => `\n${line}\n`).join('')}`;
}

/** A paragraph must not read as a marker, nor as the empty-paragraph line. */
function escapeLineStart(line: string): string {
  return /^[#>!]/.test(line) ? `\\${line}` : line;
}

function photoLine(photo: Photo, ordinal: number): string {
  const caption = escapeText(photo.caption, '[]');
  const noCredit = photo.creditName === '' && photo.creditKind === '摄';
  const credit = noCredit ? '' : ` "${writePhotoCredit(photo, '"')}"`;
  const id = photo.id === `photo-${ordinal}` ? '' : `{#${escapeText(photo.id, '}')}}`;
  return `![${caption}](${photo.file}${credit})${id}`;
}

function frontObject(c: StoryContent, inlinePhotos: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: c.kind };
  if (c.kicker) out.kicker = c.kicker;
  out.headline = c.headline;
  if (c.subheadline) out.subheadline = c.subheadline;
  if (c.region) out.region = { code: c.region.code, path: c.region.path };
  if (c.dateline) out.dateline = c.dateline;
  if (c.byline.credits.length > 0 || c.byline.position !== 'lead') {
    out.byline = {
      position: c.byline.position,
      credits: c.byline.credits.map((cr) =>
        cr.kind === 'organisation' ? { org: cr.name } : { role: cr.role, names: cr.names },
      ),
    };
  }
  if (c.page !== null) out.page = c.page;
  if (c.slot !== null) out.slot = c.slot;
  if (c.figures.length > 0) {
    out.figures = c.figures.map((f, i) => ({
      ...(f.id === `figure-${i + 1}` ? {} : { id: f.id }),
      label: f.label,
      value: f.value,
      unit: f.unit,
      ...(f.qualifier ? { qualifier: f.qualifier } : {}),
      ...(f.asOf ? { asOf: f.asOf } : {}),
    }));
  }
  if (c.jumps.length > 0) {
    out.jumps = c.jumps.map((j, i) => ({
      [j.direction]: j.page,
      ...(j.id === `jump-${i + 1}` ? {} : { id: j.id }),
    }));
  }
  if (!inlinePhotos && c.photos.length > 0) {
    out.photos = c.photos.map((p) => ({
      id: p.id,
      file: p.file,
      caption: p.caption,
      creditName: p.creditName,
      creditKind: p.creditKind,
      ...(p.creditPrinted !== undefined ? { creditPrinted: p.creditPrinted } : {}),
    }));
  }
  if (c.ignored.length > 0) {
    out.ignored = c.ignored.map((g) => ({
      rule: g.rule,
      field: g.field,
      text: g.text,
      reason: g.reason,
      by: g.by,
      at: g.at,
    }));
  }
  return out;
}
