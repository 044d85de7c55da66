// The page package end to end on the demo page B6 (approved, signed): folder layout as
// the architecture page shows it, manifest valid against the schema file, images byte
// for byte, the proof PDF's text in page order (pdftotext) and its first page as a PNG
// in test-results/ (pdftoppm) to look at; the gate: open errors refuse, an override
// with a reason exports and is recorded; an unapproved story refuses even then; the CLI
// exits 1 when blocked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { ManifestSchema } from '../../../shared/format/manifest';
import { validateJson } from '../../../shared/format/testing/json-schema-check';
import { bodyFromBlocks, blocksOfBody, type StoryContent } from '../../../shared/model';
import { runExport } from '../../cli/commands/export';
import { openDeskServices, type DeskServices } from '../services';
import { dataLayout } from '../storage/data-layout';
import { tempDataDir } from '../storage/fixtures/test-data';
import { chromiumPdfRenderer } from './chromium-pdf';
import { DATE, PAGE, seedApprovedPage } from './testing/approved-page';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCHEMA = JSON.parse(
  await readFile(join(ROOT, 'resources/schemas/manifest.schema.json'), 'utf8'),
) as Record<string, unknown>;
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

let dir: string;
let cleanup: () => Promise<void>;
let services: DeskServices;
const pdf = chromiumPdfRenderer();
afterAll(() => pdf.close());

async function open(seed: Parameters<typeof seedApprovedPage>[2] = {}) {
  ({ dir, cleanup } = await tempDataDir('export'));
  services = await openDeskServices({ dataDir: dir, transport: 'http', demo: false, renderPdf: () => pdf });
  await seedApprovedPage(services.store, dir, seed);
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(root, join(e.parentPath, e.name)).split('\\').join('/'));
  }
  return out.sort();
}

describe('export of a clean approved page', () => {
  beforeAll(() => open());
  afterAll(async () => {
    await services.close();
    await cleanup();
  });

  it('has no open errors in its preflight', async () => {
    const report = await services.handlers['pages.preflight']({ name: PAGE, date: DATE });
    expect(
      report.findings.filter((f) => f.severity === 'error'),
      JSON.stringify(report.findings, null, 1),
    ).toEqual([]);
    expect(report.hardBlocks).toEqual([]);
    expect(report.stories.map((s) => s.role)).toEqual(['lead', 'secondary', 'secondary', 'brief', 'photo']);
    expect(report.errorRate.pass).toBe(true);
    expect(report.stories[0]!.signatures.map((s) => s.level)).toEqual(['初审', '复审', '终审']);
  });

  it('writes the package exactly as the architecture page shows it, with a zip', async () => {
    const out = join(dir, 'exports', 'out');
    const result = await services.handlers['pages.export']({ name: PAGE, date: DATE, out, zip: true });
    expect(result.folder).toBe(join(out, 'B6-2026-11-22'));
    const files = await listFiles(result.folder);
    expect(files).toContain('manifest.json');
    expect(files).toContain('preflight.json');
    expect(files).toContain('proof.pdf');
    const s1 = 'stories/01-石堰村院坝夜校办到村民家门口';
    for (const f of ['head.icml', 'body.icml', 'figures.icml', 'caption-1.icml', 'story.docx', 'story.txt']) {
      expect(files).toContain(`${s1}/${f}`);
    }
    expect(files).toContain('images/01-石堰村院坝夜校办到村民家门口-1.jpg');
    // Nothing but the package's own parts.
    for (const f of files)
      expect(f).toMatch(
        /^(manifest\.json|preflight\.json|proof\.pdf|images\/[^/]+|stories\/\d\d-[^/]+\/(head|body|figures|caption-\d+)\.icml|stories\/\d\d-[^/]+\/story\.(docx|txt))$/,
      );
    // No temp folders left beside it.
    expect((await readdir(out)).sort()).toEqual(['B6-2026-11-22', 'B6-2026-11-22.zip']);
    const zip = unzipSync(new Uint8Array(await readFile(result.zip!)));
    expect(
      Object.keys(zip)
        .map((k) => k.replace(/^B6-2026-11-22\//, ''))
        .sort(),
    ).toEqual(files);
    expect(result.progress.at(-1)).toMatchObject({ step: 'zip' });
  });

  it('writes a manifest valid against resources/schemas/manifest.schema.json, images byte for byte', async () => {
    const folder = join(dir, 'exports', 'out', 'B6-2026-11-22');
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
    expect(validateJson(SCHEMA, manifest)).toEqual([]);
    expect(ManifestSchema.parse(manifest).stories).toHaveLength(5);
    const [lead, , , , photo] = manifest.stories;
    expect(lead.byline).toBe('本报讯（记者 罗文清 通讯员 杨朝晖）');
    expect(lead.jumps).toEqual([
      { direction: 'to', page: 'B7', text: '（下转B7版）', linkedStory: 'b7-story-001' },
    ]);
    expect(lead.signatures.map((s: { level: string }) => s.level)).toEqual(['初审', '复审', '终审']);
    expect(lead.region).toEqual({ code: '520113', path: ['贵州省', '贵阳市', '白云区'] });
    expect(photo.role).toBe('photo');
    expect(photo.photos[0].credit).toBe('本报记者 梁思远 摄');
    for (const story of manifest.stories) {
      for (const p of story.photos) {
        const stored = services.store.list().length
          ? await readFile(
              join(
                dataLayout(dir).photos,
                (await services.handlers['stories.get']({ id: story.id })).photos.find((x) => x.id === p.id)!
                  .file,
              ),
            )
          : null;
        expect(await readFile(join(folder, p.file))).toEqual(stored);
      }
    }
    const txt = await readFile(join(folder, lead.files.text));
    expect([...txt.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(txt.toString('utf8')).toContain('本报讯（记者 罗文清 通讯员 杨朝晖）入夏以来\r\n'.slice(0, 20));
  });

  it.runIf(has('pdftotext'))(
    'makes a proof PDF with the page text in slot order; its first page is saved as a PNG',
    async () => {
      const folder = join(dir, 'exports', 'out', 'B6-2026-11-22');
      const pdfPath = join(folder, 'proof.pdf');
      // -raw: the text in the order the PDF holds it (pdftotext's own column guessing joins
      // neighbouring columns' lines once the CJK faces are CID TrueType with their real widths).
      const text = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'], {
        encoding: 'utf8',
      }).stdout.replace(/\s+/g, '');
      const heads = [
        '石堰村：“院坝夜校”办到村民家门口',
        '武侯区锦槐街道：“三张清单”激活老旧小区治理',
        '雪松坪上的“药材书记”',
        '茶溪社区“银发议事会”议出宜居好环境',
        '党员突击队助农抢收早稻',
      ];
      // A headline may wrap, and pdftotext may read its last line later: its first 8 characters.
      const at = heads.map((h) => text.indexOf(h.slice(0, 8)));
      expect(
        at.every((i) => i >= 0),
        `${at}`,
      ).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      // Within the lead: run-in dateline, then its paragraphs in order, then the next story.
      const p1 = text.indexOf('本报讯（记者罗文清通讯员杨朝晖）入夏以来');
      const p2 = text.indexOf('石堰村地处城郊结合部');
      expect(p1).toBeGreaterThan(at[0]!);
      expect(p2).toBeGreaterThan(p1);
      expect(at[1]!).toBeGreaterThan(p2);
      // Every font embedded with a Unicode map; with a TrueType CJK face installed (the proof's
      // font stacks name them first) as CID TrueType subsets, not Type 3 glyph procedures.
      const fonts = spawnSync('pdffonts', [pdfPath], { encoding: 'utf8' })
        .stdout.split('\n')
        .slice(2)
        .filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/\s+yes\s+\S+\s+yes\s+\d+\s+\d+$/);
      const trueType = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout;
      if (/WenQuanYi Zen Hei|AR PL UMing/.test(trueType)) {
        expect(fonts.filter((line) => line.includes('Type 3'))).toEqual([]);
      }
      if (has('pdftoppm')) {
        mkdirSync(join(ROOT, 'test-results'), { recursive: true });
        const png = join(ROOT, 'test-results', 'export-proof-b6');
        spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, png]);
        expect(existsSync(`${png}.png`)).toBe(true);
      }
    },
  );
});

describe('the export gate', () => {
  afterEach(async () => {
    await services.close();
    await cleanup();
  });

  // A half-width comma in Chinese text: an open punctuation error (domain §2).
  const plantError = {
    edit: (cs: StoryContent[]) => {
      const blocks = blocksOfBody(cs[1]!.body);
      const first = blocks.find((b) => b.type === 'paragraph') as { text: string };
      first.text = first.text.replace('，', ',');
      cs[1]!.body = bodyFromBlocks(blocks);
    },
  };

  it('refuses a page with an open error, then exports it with an override and records the reason', async () => {
    await open(plantError);
    const report = await services.handlers['pages.preflight']({ name: PAGE, date: DATE });
    expect(report.openErrors).toBeGreaterThan(0);
    const out = join(dir, 'exports', 'out');
    await expect(services.handlers['pages.export']({ name: PAGE, date: DATE, out })).rejects.toMatchObject({
      key: 'error.exportBlocked',
    });
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
    // The override needs an editor at the desk (the review module's current user), and a reason.
    vi.spyOn(services.review, 'currentUser').mockReturnValue({
      id: 'ed-final',
      name: '赵终审',
      roles: ['final-editor'],
    } as never);
    await expect(
      services.handlers['pages.export']({ name: PAGE, date: DATE, out, force: true, reason: '  ' }),
    ).rejects.toMatchObject({
      key: 'error.exportBlocked',
    });
    const result = await services.handlers['pages.export']({
      name: PAGE,
      date: DATE,
      out,
      force: true,
      reason: '逗号为引文原文，终审同意照登',
    });
    expect(result.override).toMatchObject({
      reason: '逗号为引文原文，终审同意照登',
      openErrors: report.openErrors,
    });
    const preflight = JSON.parse(await readFile(join(result.folder, 'preflight.json'), 'utf8'));
    expect(preflight.override.reason).toBe('逗号为引文原文，终审同意照登');
    expect(preflight.findings.some((f: { rule: string }) => f.rule.startsWith('punct.'))).toBe(true);
    const manifest = JSON.parse(await readFile(join(result.folder, 'manifest.json'), 'utf8'));
    expect(manifest.override.reason).toBe('逗号为引文原文，终审同意照登');
    const audit = await services.review.audit.forPage(PAGE);
    expect(audit.some((e) => e.kind === 'override' && e.detail.includes('逗号为引文原文'))).toBe(true);
  });

  it('refuses an override from someone who is not an editor', async () => {
    await open(plantError);
    vi.spyOn(services.review, 'currentUser').mockReturnValue(null);
    await expect(
      services.handlers['pages.export']({
        name: PAGE,
        date: DATE,
        out: join(dir, 'exports', 'out'),
        force: true,
        reason: '照登',
      }),
    ).rejects.toMatchObject({ key: 'error.overrideNotEditor' });
  });

  it('never exports a story that is not approved, override or not', async () => {
    await open({ draftSlot: 3 });
    const report = await services.handlers['pages.preflight']({ name: PAGE, date: DATE });
    expect(report.hardBlocks).toEqual([expect.stringContaining('slot 3')]);
    vi.spyOn(services.review, 'currentUser').mockReturnValue({
      id: 'ed-final',
      name: '赵终审',
      roles: ['final-editor'],
    } as never);
    await expect(
      services.handlers['pages.export']({
        name: PAGE,
        date: DATE,
        out: join(dir, 'exports', 'out'),
        force: true,
        reason: '照登',
      }),
    ).rejects.toMatchObject({ key: 'error.exportBlocked' });
  });

  it('desk export exits 1 with the reasons when blocked, 0 with --force --reason', async () => {
    await open(plantError);
    await services.close();
    const errors: string[] = [];
    const err = vi
      .spyOn(console, 'error')
      .mockImplementation((line: string) => void errors.push(String(line)));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const out = join(dir, 'cli-out');
    try {
      expect(await runExport({ data: dir, page: PAGE, date: DATE, out, 'no-pdf': true }, [])).toBe(1);
      expect(errors.join('\n')).toMatch(/没有导出：还有 \d+ 个问题需要处理[\s\S]*punct\./);
      expect(
        await runExport(
          { data: dir, page: PAGE, date: DATE, out, 'no-pdf': true, force: true, reason: '照登' },
          [],
        ),
      ).toBe(0);
      expect(existsSync(join(out, 'B6-2026-11-22', 'manifest.json'))).toBe(true);
      expect(await runExport({ data: dir, page: 'B9', date: DATE, out, 'no-pdf': true }, [])).toBe(2);
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
    services = await openDeskServices({ dataDir: dir, transport: 'http', demo: false });
    await writeFile(join(dir, 'touched'), '');
  });
});
