/**
 * Generated stories for benchmarks: plausible Chinese news text, deterministic
 * for a seed, never taken from real pages.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { bodyFromBlocks, newStory, type Story } from '../../../shared/model';

const SUBJECTS = ['镇党委', '村党支部', '社区党组织', '驻村工作队', '机关党员', '网格员', '志愿服务队', '党员先锋岗'];
const VERBS = ['牵头推进', '持续深化', '着力完善', '统筹落实', '认真开展', '扎实做好', '全面加强', '创新探索'];
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
const TAILS = ['，群众满意度明显提升。', '，形成了一批可复制的经验。', '，推动各项任务落地见效。', '，累计服务群众3200余人次。'];
const PLACES = ['青石镇', '桐林村', '南湖社区', '柳岸街道', '云台乡', '枫桥村', '石门镇', '新河社区'];

/** A small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
