/**
 * Copy-desk rules (issue 5): every copy family over a 30,000-character page (goal
 * ≤ 50 ms) and the incremental re-check of one paragraph after a keystroke (goal
 * ≤ 5 ms), against the full re-check of the page as the baseline in the same run.
 * The page is generated (corpus.ts) with errors planted in some paragraphs, so the
 * rules do real work. Prints figures; never fails on timing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  checkCopyPage,
  checkCopyStructure,
  checkCopyText,
  configureCopyChecks,
} from '../../../shared/checks/copy-rules';
import type { CopyStory, TextUnit } from '../../../shared/checks/copy-text';
import { storyCounts } from '../../../shared/checks/length/length';
import { TermBankSchema } from '../../../shared/checks/wording/term-bank';
import { RegionIndex, type RegionData } from '../../../shared/geo/regions';
import { bodyFromBlocks, type KeyFigure } from '../../../shared/model';
import { resourcesDir } from '../../desk/resources';
import { rng, sentence } from './corpus';
import type { Report } from './registry';

const PAGE_CHARS = 30_000;
const STORIES = 6;
const PLANTED = [
  '，投入资金１７５８万元',
  '，约200余人参加',
  '(见附件)',
  '，推进“一带一路”战略',
  '，村里的經濟发展',
  '，至少30人以上',
];

function page(): CopyStory[] {
  const r = rng(5);
  const stories: CopyStory[] = [];
  const perStory = PAGE_CHARS / STORIES;
  for (let s = 0; s < STORIES; s++) {
    const paragraphs: string[] = [];
    let chars = 0;
    while (chars < perStory) {
      let p = '';
      for (let k = 0; k < 4; k++) p += sentence(r);
      if (paragraphs.length % 3 === 1)
        p = p.replace('，', PLANTED[(paragraphs.length + s) % PLANTED.length]!);
      paragraphs.push(p);
      chars += p.length;
    }
    const figures: KeyFigure[] = [
      { id: 'f', label: '服务群众', value: '3200', unit: '人次', qualifier: '余', asOf: '' },
    ];
    stories.push({
      key: `story-${s + 1}`,
      content: {
        kind: '通讯',
        kicker: '抓党建促振兴',
        headline: `桐林村：党建引领乡村治理${s + 1}`,
        subheadline: '——某县以网格化管理提升服务水平',
        body: bodyFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))),
        photos: [],
        figures,
        region: { code: '520113', path: ['贵州省', '贵阳市', '白云区'] },
        page: 'B6',
        slot: s + 1,
        jumps: [],
      },
    });
  }
  return stories;
}

const ms = (t: number) => `${t.toFixed(2)} ms`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, f: () => void): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    out.push(performance.now() - t);
  }
  return median(out);
}

export async function benchCopyRules(report: Report): Promise<void> {
  const data = join(resourcesDir(), 'data');
  configureCopyChecks({
    terms: TermBankSchema.parse(JSON.parse(await readFile(join(data, 'terms.json'), 'utf8'))),
    regions: new RegionIndex(JSON.parse(await readFile(join(data, 'regions.json'), 'utf8')) as RegionData),
  });
  const stories = page();
  const chars = stories.reduce((n, s) => n + storyCounts(s).total.nonSpace, 0);
  const t = performance.now();
  const first = checkCopyPage(stories);
  report(
    `first run (builds the converter and region name map once): ${ms(performance.now() - t)}, ${first.length} findings`,
  );
  report(`page: ${STORIES} stories, ${chars.toLocaleString('en')} characters (without spaces)`);

  const full = time(15, () => checkCopyPage(stories));
  report(`full re-check, all copy families: ${ms(full)} (goal ≤ 50 ms)`);

  // One keystroke in the middle of a long paragraph: the editor re-checks that paragraph's
  // text rules, and the story/page rules (structure: photos, figures, byline, jumps) off the keystroke path.
  const story = stories[2]!;
  const body = story.content.body.root.children;
  const index = Math.floor(body.length / 2);
  const node = body[index]!;
  const text = String((node.children?.[0] as { text?: string } | undefined)?.text ?? '');
  let typed = 0;
  const unit = (): TextUnit => {
    typed++;
    const mid = Math.floor(text.length / 2);
    return {
      story: story.key,
      field: 'body',
      paragraph: index,
      kind: 'paragraph',
      text: `${text.slice(0, mid)}${'党'.repeat(typed % 7)}${text.slice(mid)}`,
    };
  };
  const incremental = time(200, () => checkCopyText(unit()));
  report(
    `incremental re-check of one paragraph (${text.length} characters) after typing: ${ms(incremental)} (goal ≤ 5 ms)`,
  );
  const structure = time(15, () => checkCopyStructure(stories));
  report(`story and page rules alone (run after a pause, not per keystroke): ${ms(structure)}`);
  report(`ratio: incremental is ${(full / incremental).toFixed(0)}× faster than the full re-check`);
}
