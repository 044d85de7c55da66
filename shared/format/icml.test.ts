/* eslint-disable no-control-regex -- the rules name control characters on purpose */
// ICML of the demo stories: well-formed, the processing instructions InDesign looks
// for, every applied style declared, element order, <Br/> placement, exact <Content>
// text; and a golden file per part of demo story 1 (update with `vitest -u`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { bodyFromBlocks, type StoryContent } from '../model';
import { writeIcml } from './icml';
import { parseStoryMarkdown } from './story-md';
import { paragraphText, storyParts, type StyledParagraph } from './story-parts';
import { CHARACTER_STYLES, PARAGRAPH_STYLE_NAMES } from './style-names';
import { descendants, elements, isElement, parseXml, textOf, type XmlElement } from './testing/xml-tree';

const DEMO = fileURLToPath(new URL('../../resources/demo/B6/', import.meta.url));
const demo = (file: string) => parseStoryMarkdown(readFileSync(DEMO + file, 'utf8'));
const one = demo('1-shiyan-yexiao.md');
const two = demo('2-jinhuai-qingdan.md');

/** Every structural rule of an ICML file; returns the parsed Story. */
function checkIcml(xml: string, paragraphs: readonly StyledParagraph[]): XmlElement {
  const lines = xml.split('\n');
  expect(lines[0]).toBe('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>');
  expect(lines[1]).toMatch(
    /^<\?aid style="50" type="snippet" readerVersion="6\.0" featureSet="513" product="[^"]+" \?>$/,
  );
  expect(lines[2]).toBe('<?aid SnippetType="InCopyInterchange"?>');
  const doc = parseXml(xml);
  expect(doc.pis).toHaveLength(3);
  expect(doc.root.name).toBe('Document');
  expect(doc.root.attrs.DOMVersion).toBe('8.0');
  // Element order: the style groups, then the one story.
  expect(elements(doc.root).map((e) => e.name)).toEqual([
    'RootCharacterStyleGroup',
    'RootParagraphStyleGroup',
    'Story',
  ]);
  const [chars, paras, story] = elements(doc.root) as [XmlElement, XmlElement, XmlElement];
  const declaredChars = new Set(elements(chars, 'CharacterStyle').map((s) => s.attrs.Self));
  const declaredParas = new Set(elements(paras, 'ParagraphStyle').map((s) => s.attrs.Self));
  for (const name of PARAGRAPH_STYLE_NAMES) expect(declaredParas).toContain(`ParagraphStyle/${name}`);
  for (const name of Object.values(CHARACTER_STYLES))
    expect(declaredChars).toContain(`CharacterStyle/${name}`);
  for (const s of [...elements(chars), ...elements(paras)]) {
    // Properties first inside a style, BasedOn naming a declared style.
    const props = elements(s)[0];
    if (!props) continue;
    expect(props.name).toBe('Properties');
    const based = elements(props, 'BasedOn')[0];
    if (based) expect(s.name === 'CharacterStyle' ? declaredChars : declaredParas).toContain(textOf(based));
  }

  const kids = elements(story);
  expect(kids[0]?.name).toBe('StoryPreference');
  const ranges = kids.slice(1);
  expect(ranges.every((r) => r.name === 'ParagraphStyleRange')).toBe(true);
  expect(ranges).toHaveLength(paragraphs.length);
  ranges.forEach((psr, i) => {
    expect(declaredParas).toContain(psr.attrs.AppliedParagraphStyle);
    expect(psr.attrs.AppliedParagraphStyle).toBe(
      `ParagraphStyle/${PARAGRAPH_STYLE_NAMES[Object.keys(STYLE_INDEX).indexOf(paragraphs[i]!.style)]}`,
    );
    const csrs = elements(psr);
    expect(csrs.length).toBeGreaterThan(0);
    expect(csrs.every((c) => c.name === 'CharacterStyleRange')).toBe(true);
    // No text directly in a range other than whitespace between elements.
    for (const c of [psr, ...csrs]) {
      for (const n of c.children) if (!isElement(n)) expect(n.text.trim()).toBe('');
    }
    csrs.forEach((csr, j) => {
      expect(declaredChars).toContain(csr.attrs.AppliedCharacterStyle);
      const inner = elements(csr);
      expect(inner.every((e) => e.name === 'Content' || e.name === 'Br')).toBe(true);
      const brs = inner.filter((e) => e.name === 'Br');
      const lastRange = j === csrs.length - 1;
      const lastPara = i === ranges.length - 1;
      // <Br/> only as the last child of the paragraph's last range, and not after the last paragraph.
      expect(brs.length).toBe(lastRange && !lastPara ? 1 : 0);
      if (brs.length) expect(inner[inner.length - 1]?.name).toBe('Br');
      for (const content of elements(csr, 'Content')) {
        expect(content.children.every((n) => !isElement(n))).toBe(true);
        expect(textOf(content)).not.toBe('');
      }
    });
    // The text is exactly the paragraph's, line breaks as U+2028.
    const text = descendants(psr, 'Content').map(textOf).join('');
    expect(text).toBe(paragraphText(paragraphs[i]!).replace(/\n/g, '\u2028'));
  });
  // Nothing in a Content that the text does not hold: no indentation or newlines inside.
  expect(xml).not.toMatch(/<Content>[\n\r]|[\n\r]<\/Content>/);
  return story;
}

const STYLE_INDEX = {
  kicker: 0,
  headline: 1,
  subheadline: 2,
  dateline: 3,
  byline: 4,
  body: 5,
  subhead: 6,
  caption: 7,
  credit: 8,
  box: 9,
  jump: 10,
};

describe('ICML', () => {
  const parts = storyParts(one);
  const files: Array<[string, StyledParagraph[]]> = [
    ['head', parts.head],
    ['body', parts.body],
    ['figures', parts.figures],
    ...parts.captions.map((c): [string, StyledParagraph[]] => [`caption-${c.order}`, c.paragraphs]),
  ];

  it.each(files)(
    'demo story 1 %s.icml follows every structural rule and matches its golden file',
    async (name, ps) => {
      const xml = writeIcml(ps, { storyId: `dj_01_${name}`, title: `B6 01 ${name}` });
      checkIcml(xml, ps);
      await expect(xml).toMatchFileSnapshot(`./golden/demo-1-${name}.icml`);
    },
  );

  it('puts the parts in their styles: head 引题/主题/副题, body 电头+署名 run in, 正文, 转版', () => {
    expect(parts.head.map((p) => p.style)).toEqual(['kicker', 'headline', 'subheadline']);
    const first = parts.body[0]!;
    expect(first.style).toBe('body');
    expect(first.runs.slice(0, 2)).toEqual([
      { text: '本报讯', style: 'dateline' },
      { text: '（记者 罗文清 通讯员 杨朝晖）', style: 'byline' },
    ]);
    expect(parts.body.at(-1)).toEqual({ style: 'jump', runs: [{ text: '（下转B7版）' }] });
    expect(parts.figures.map(paragraphText)).toEqual([
      '夜校累计开课120余场',
      '参训村民3400多人次',
      '办结民生实事29件',
      '（数据截至2024年6月）',
    ]);
    expect(parts.captions[0]!.paragraphs.map((p) => p.style)).toEqual(['caption', 'credit']);
    expect(paragraphText(parts.captions[0]!.paragraphs[1]!)).toBe('罗文清 摄');
  });

  it('gives an organisation byline at the top 署名 paragraphs and subheads 小标题', () => {
    const p = storyParts(two);
    expect(p.body[0]).toEqual({ style: 'byline', runs: [{ text: '■中共成都市武侯区锦槐街道工作委员会' }] });
    expect(p.body.filter((x) => x.style === 'subhead')).toHaveLength(3);
    const xml = writeIcml(p.body, { storyId: 'dj_02_body', title: 'B6 02' });
    checkIcml(xml, p.body);
  });

  it('escapes markup, drops characters XML cannot hold and keeps spaces, tabs and line breaks exactly', () => {
    const hostile: StoryContent = {
      ...one,
      dateline: '',
      byline: { position: 'lead', credits: [] },
      jumps: [],
      body: bodyFromBlocks([
        { type: 'paragraph', text: ' <Br/> & "引号" ]]> \u0001\u0008 end ' },
        { type: 'paragraph', text: '甲\t乙' },
      ]),
    };
    // A line break inside a paragraph (Lexical linebreak node).
    const body = hostile.body.root.children[1]!;
    body.children = [
      { type: 'text', version: 1, text: '第一行', format: 1 },
      { type: 'linebreak', version: 1 },
      { type: 'text', version: 1, text: '第二行', format: 0 },
    ];
    const p = storyParts(hostile);
    const xml = writeIcml(p.body, { storyId: 'x', title: '<&>' });
    checkIcml(
      xml,
      p.body.map((q) => ({
        ...q,
        runs: q.runs.map((r) => ({ ...r, text: r.text.replace(/[\u0001\u0008]/g, '') })),
      })),
    );
    expect(xml).toContain('<Content> &lt;Br/&gt; &amp; &quot;引号&quot; ]]&gt;  end </Content>');
    expect(xml).toContain(
      '<CharacterStyleRange AppliedCharacterStyle="CharacterStyle/加粗"><Content>第一行&#x2028;</Content></CharacterStyleRange>',
    );
  });

  it('writes a story with no text as one empty paragraph that still parses', () => {
    const xml = writeIcml([{ style: 'box', runs: [] }], { storyId: 'e', title: 'e' });
    checkIcml(xml, [{ style: 'box', runs: [] }]);
  });
});
