/**
 * Generated stories for benchmarks: plausible Chinese news text, deterministic
 * for a seed, never taken from real pages.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Converter } from 'opencc-js/t2cn';

import { bodyFromBlocks, newStory, type Story } from '../../../shared/model';
import { seededRandom } from '../../../shared/testing/seeded-random';

const SUBJECTS = [
  '镇党委',
  '村党支部',
  '社区党组织',
  '驻村工作队',
  '机关党员',
  '网格员',
  '志愿服务队',
  '党员先锋岗',
];
const VERBS = [
  '牵头推进',
  '持续深化',
  '着力完善',
  '统筹落实',
  '认真开展',
  '扎实做好',
  '全面加强',
  '创新探索',
];
const OBJECTS = [
  '基层治理网格化管理',
  '人居环境整治提升',
  '特色产业提质增效',
  '便民服务“一站式”办理',
  '党员干部联系群众制度',
  '集体经济收入稳步增长',
  '矛盾纠纷就地化解',
  '乡村振兴示范带建设',
];
const TAILS = [
  '，群众满意度明显提升。',
  '，形成了一批可复制的经验。',
  '，推动各项任务落地见效。',
  '，累计服务群众3200余人次。',
];
const PLACES = ['青石镇', '桐林村', '南湖社区', '柳岸街道', '云台乡', '枫桥村', '石门镇', '新河社区'];

/** A small deterministic generator (mulberry32). */
export const rng = seededRandom;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export function sentence(r: () => number): string {
  return `${pick(r, PLACES)}${pick(r, SUBJECTS)}${pick(r, VERBS)}${pick(r, OBJECTS)}${pick(r, TAILS)}`;
}

/** A paragraph of about `chars` characters. */
export function paragraph(r: () => number, chars: number): string {
  let text = '';
  while (text.length < chars) text += sentence(r);
  return text;
}

/** A story with a body of about `chars` characters in paragraphs of ~200. */
export function generatedStory(index: number, chars = 2000): Story {
  const r = rng(index + 1);
  const blocks = [];
  for (let n = 0; n < chars; n += 200) blocks.push({ type: 'paragraph' as const, text: paragraph(r, 200) });
  const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
  const id = `bench-${String(index).padStart(6, '0')}-${Math.floor(r() * 1e9).toString(36)}`;
  return newStory(id, at, 'bench', {
    kicker: `${pick(r, PLACES)}党建引领`,
    headline: `${pick(r, PLACES)}${pick(r, VERBS)}${pick(r, OBJECTS)}（第${index + 1}篇）`,
    byline: { credits: [{ kind: 'person', role: '记者', names: ['王明'] }], position: 'lead' },
    region: { code: '520113', path: ['贵州省', '贵阳市', '白云区'] },
    body: bodyFromBlocks(blocks),
    page: `B${(index % 8) + 1}`,
    slot: (index % 5) + 1,
  });
}

/**
 * Writes `count` generated stories straight into a data folder's stories/ (no
 * index): opening the store then rebuilds the index, as after a lost index.
 */
export async function writeCorpus(dataDir: string, count: number, chars = 2000): Promise<void> {
  const dir = join(dataDir, 'stories');
  await mkdir(dir, { recursive: true });
  const batch: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const story = generatedStory(i, chars);
    batch.push(writeFile(join(dir, `${story.id}.json`), JSON.stringify(story)));
    if (batch.length >= 256) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}

// ------------------------------------------------------------ varied text

/**
 * Varied text for the duplicate benchmark: the sentence templates above repeat
 * (8^4 sentences), so in 15,000 stories every k-gram would be common. This draws
 * words from a seeded vocabulary of 6,000 words (1–4 Han characters from a pool of
 * about 1,700 characters: the common ones of 党建 copy plus a seeded mix of CJK
 * ideographs) with a Zipf-like skew, so frequent words recur as they do in real copy
 * while runs of 30 characters shared by chance are vanishingly rare.
 *
 * The mixed-in ideographs are simplified ones only (none that OpenCC's
 * traditional → simplified conversion changes): a reporter's copy has few
 * traditional characters, and a pool with them made the script check flag some
 * 1,500 of them in a 20,000-character story, which inflated every benchmark that
 * shows findings (typing: marks painted, rows listed) far beyond a real story.
 */
const COMMON_HAN =
  '党建引领基层治理组织群众服务乡村振兴干部队伍建设支部书记学习教育主题活动推进工作落实责任发展经济社会民生改革创新' +
  '全面从严思想政治作风纪律制度监督考核标准规范阵地平台志愿者先锋模范带头作用村社区企业机关学校医院网格调解产业' +
  '合作农户茶园种植收入增加培训技能夜校课堂讲师返乡青年电商直播道路照明灌溉水渠垃圾清运环境整治美丽庭院文明实践';

let vocabulary: string[] | null = null;

function wordList(): string[] {
  if (vocabulary) return vocabulary;
  const r = rng(20240601);
  const pool = [...new Set(COMMON_HAN)];
  const toSimplified = Converter({ from: 't', to: 'cn' });
  while (pool.length < 1700) {
    const ch = String.fromCharCode(0x4e00 + Math.floor(r() * (0x9fa5 - 0x4e00)));
    if (toSimplified(ch) === ch) pool.push(ch);
  }
  const words = new Set<string>();
  while (words.size < 6000) {
    const x = r();
    const length = x < 0.05 ? 1 : x < 0.65 ? 2 : x < 0.85 ? 3 : 4;
    let word = '';
    // Common characters are likelier, as in real copy.
    for (let i = 0; i < length; i++) word += pool[Math.floor(pool.length * r() ** 2)]!;
    words.add(word);
  }
  vocabulary = [...words];
  return vocabulary;
}

/** A varied paragraph of about `chars` characters. */
export function variedParagraph(r: () => number, chars: number): string {
  const words = wordList();
  // Parts joined once: a flat string, as text read from a file is (no rope of += pieces).
  const parts: string[] = [];
  let length = 0;
  let clause = 0;
  while (length < chars) {
    const x = r();
    const part =
      x < 0.03
        ? `${Math.floor(r() * 5000)}${pick(r, ['个', '人次', '万元', '户', '余场'])}`
        : words[Math.floor(words.length * r() ** 3)]!;
    parts.push(part);
    length += part.length;
    if (++clause >= 5 + Math.floor(r() * 8)) {
      parts.push(r() < 0.7 ? '，' : '。');
      length++;
      clause = 0;
    }
  }
  parts.push('。');
  return parts.join('');
}

/** The body blocks of generated story `index` with varied text (~`chars` characters in ~200-character paragraphs). */
export function variedBlocks(index: number, chars = 2000): string[] {
  const r = rng(index * 7919 + 17);
  const blocks: string[] = [];
  for (let n = 0; n < chars; n += 200) blocks.push(variedParagraph(r, 195));
  return blocks;
}
