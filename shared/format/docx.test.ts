// DOCX of a demo story: the zip's parts, well-formed XML, every applied style declared
// with its Chinese name and eastAsia font, golden document.xml; then two other readers:
// pandoc (-f docx+styles) must recover every style name, LibreOffice must convert it to
// PDF. Both are skipped, saying so, where the program is not installed (CI installs them).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';

import { DOCX_CHARACTER_IDS, DOCX_PARAGRAPH_IDS, docxCharacterStyleName, writeDocx } from './docx';
import { parseStoryMarkdown } from './story-md';
import { paragraphText, storyParts, type StyledParagraph } from './story-parts';
import { CHARACTER_STYLES, PARAGRAPH_STYLES, type ParagraphStyleKey } from './style-names';
import { descendants, elements, parseXml, textOf } from './testing/xml-tree';

const DEMO = fileURLToPath(new URL('../../resources/demo/B6/', import.meta.url));
const demo = (file: string) => storyParts(parseStoryMarkdown(readFileSync(DEMO + file, 'utf8')));

/** Every part of a story in one DOCX, as the export writes it. */
function allParagraphs(file: string): StyledParagraph[] {
  const p = demo(file);
  return [...p.head, ...p.body, ...p.figures, ...p.captions.flatMap((c) => c.paragraphs)];
}

const OPTIONS = {
  title: '石堰村：“院坝夜校”办到村民家门口',
  author: '党建采编台',
  date: '2026-11-22T08:00:00.000Z',
};
const paragraphs = allParagraphs('1-shiyan-yexiao.md');
const bytes = writeDocx(paragraphs, OPTIONS);
const files = unzipSync(bytes);
const text = (path: string) => strFromU8(files[path]!);

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'desk-docx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A story using all eleven paragraph styles: demo 1 plus a top byline, a subhead, a lone 电头. */
function everyStyle(): StyledParagraph[] {
  const extra: StyledParagraph[] = [
    { style: 'byline', runs: [{ text: '本报记者 罗文清' }] },
    { style: 'subhead', runs: [{ text: '小标题示例' }] },
    { style: 'dateline', runs: [{ text: '新华社北京3月5日电', style: 'dateline' }] },
    {
      style: 'body',
      runs: [
        { text: '加粗', style: 'bold' },
        { text: '倾斜', style: 'italic' },
        { text: '二者', style: 'boldItalic' },
      ],
    },
  ];
  return [...paragraphs.slice(0, 3), ...extra, ...paragraphs.slice(3)];
}

describe('DOCX', () => {
  it('is a zip with the WordprocessingML parts, content types first', () => {
    expect(Object.keys(files)[0]).toBe('[Content_Types].xml');
    expect(Object.keys(files).sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/core.xml',
        'word/_rels/document.xml.rels',
        'word/document.xml',
        'word/fontTable.xml',
        'word/settings.xml',
        'word/styles.xml',
      ].sort(),
    );
    for (const path of Object.keys(files)) expect(() => parseXml(text(path)), path).not.toThrow();
    const types = parseXml(text('[Content_Types].xml')).root;
    const overrides = elements(types, 'Override').map((o) => o.attrs.PartName?.slice(1));
    for (const path of Object.keys(files)) {
      if (path.endsWith('.rels') || path === '[Content_Types].xml') continue;
      expect(overrides).toContain(path);
    }
  });

  it('declares every applied style with its Chinese name and an eastAsia font', async () => {
    const styles = parseXml(text('word/styles.xml')).root;
    const byId = new Map(elements(styles, 'w:style').map((s) => [s.attrs['w:styleId'], s]));
    for (const [key, id] of Object.entries(DOCX_PARAGRAPH_IDS)) {
      const s = byId.get(id)!;
      expect(s.attrs['w:type']).toBe('paragraph');
      expect(elements(s, 'w:name')[0]?.attrs['w:val']).toBe(PARAGRAPH_STYLES[key as ParagraphStyleKey]);
      expect(descendants(s, 'w:rFonts')[0]?.attrs['w:eastAsia']).toMatch(/^方正/);
    }
    for (const [key, id] of Object.entries(DOCX_CHARACTER_IDS)) {
      const s = byId.get(id)!;
      expect(s.attrs['w:type']).toBe('character');
      expect(elements(s, 'w:name')[0]?.attrs['w:val']).toBe(
        docxCharacterStyleName(key as keyof typeof CHARACTER_STYLES),
      );
    }
    const doc = parseXml(text('word/document.xml')).root;
    const used = [...descendants(doc, 'w:pStyle'), ...descendants(doc, 'w:rStyle')].map(
      (s) => s.attrs['w:val'],
    );
    for (const id of used) expect(byId.has(id)).toBe(true);
    // Fallback faces for machines without the Founder fonts.
    const fonts = parseXml(text('word/fontTable.xml')).root;
    const alt = new Map(
      elements(fonts, 'w:font').map((f) => [f.attrs['w:name'], elements(f, 'w:altName')[0]?.attrs['w:val']]),
    );
    expect(alt.get('方正书宋简体')).toBe('宋体');
    expect(alt.get('方正小标宋简体')).toBe('宋体');
    expect(alt.get('方正黑体简体')).toBe('黑体');
    await expect(text('word/document.xml')).toMatchFileSnapshot('./golden/demo-1-document.xml');
  });

  it('holds every paragraph in order with its exact text', () => {
    const doc = parseXml(text('word/document.xml')).root;
    const body = elements(doc, 'w:body')[0]!;
    const ps = elements(body, 'w:p');
    expect(ps).toHaveLength(paragraphs.length);
    ps.forEach((p, i) => {
      expect(descendants(p, 'w:pStyle')[0]?.attrs['w:val']).toBe(DOCX_PARAGRAPH_IDS[paragraphs[i]!.style]);
      expect(descendants(p, 'w:t').map(textOf).join('')).toBe(paragraphText(paragraphs[i]!));
    });
    expect(elements(body).at(-1)?.name).toBe('w:sectPr');
  });

  it('is the same bytes for the same story (a re-export changes nothing)', () => {
    expect(writeDocx(paragraphs, OPTIONS)).toEqual(bytes);
  });

  it.runIf(has('pandoc'))('pandoc -f docx+styles recovers every style name', () => {
    const path = join(tmp, 'every-style.docx');
    writeFileSync(path, writeDocx(everyStyle(), OPTIONS));
    const out = spawnSync('pandoc', ['-f', 'docx+styles', '-t', 'json', path], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const names = new Set([...out.stdout.matchAll(/"custom-style","([^"]+)"/g)].map((m) => m[1]));
    for (const name of Object.values(PARAGRAPH_STYLES)) expect(names).toContain(name);
    for (const key of Object.keys(CHARACTER_STYLES) as Array<keyof typeof CHARACTER_STYLES>) {
      expect(names).toContain(docxCharacterStyleName(key));
    }
    // and the text.
    expect(out.stdout).toContain('院坝夜校');
  });
  it.skipIf(has('pandoc'))(
    'pandoc -f docx+styles recovers every style name: SKIPPED, pandoc is not installed (apt-get install pandoc)',
    () => {},
  );

  it.runIf(has('soffice'))(
    'LibreOffice converts it to PDF',
    () => {
      const path = join(tmp, 'story.docx');
      writeFileSync(path, bytes);
      const out = spawnSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${tmp}/lo-profile`,
          '--convert-to',
          'pdf',
          '--outdir',
          tmp,
          path,
        ],
        {
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(out.status, out.stderr).toBe(0);
      const pdf = join(tmp, 'story.pdf');
      expect(existsSync(pdf)).toBe(true);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      if (has('pdftotext')) {
        const txt = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
        expect(txt).toContain('院坝夜校');
      }
    },
    150_000,
  );
  it.skipIf(has('soffice'))(
    'LibreOffice converts it to PDF: SKIPPED, LibreOffice is not installed (apt-get install libreoffice-writer-nogui)',
    () => {},
  );
});
