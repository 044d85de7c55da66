import { describe, expect, it } from 'vitest';

import { blocksFromLexicalClipboard, blocksFromLexicalNodes } from './lexical-json';

const text = (t: string, format = 0, extra: Record<string, unknown> = {}) => ({
  type: 'text',
  version: 1,
  text: t,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  ...extra,
});
const el = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  direction: null,
  format: '',
  indent: 0,
  children,
  ...extra,
});
const photos = new Set(['p1']);

describe('clipboard JSON from a Lexical editor', () => {
  it('keeps the body node kinds and only bold/italic formats', () => {
    const blocks = blocksFromLexicalNodes(
      [
        el('heading', [text('一、小标题', 1)], { tag: 'h1' }),
        el('paragraph', [
          text('加粗', 1),
          text('倾斜下划线', 2 | 8, { style: 'color:red' }),
          { type: 'linebreak', version: 1 },
          text('换行后'),
        ]),
        el('quote', [text('引文')]),
        { type: 'photo', version: 1, photoId: 'p1' },
      ],
      photos,
    );
    expect(blocks).toEqual([
      { kind: 'subhead', runs: [{ text: '一、小标题', format: 1 }] },
      {
        kind: 'paragraph',
        runs: [
          { text: '加粗', format: 1 },
          { text: '倾斜下划线', format: 2 },
          { br: true },
          { text: '换行后', format: 0 },
        ],
      },
      { kind: 'quote', runs: [{ text: '引文', format: 0 }] },
      { kind: 'photo', photoId: 'p1' },
    ]);
  });

  it('turns unknown elements into paragraphs of their text and drops unknown leaves', () => {
    const blocks = blocksFromLexicalNodes(
      [
        el('list', [el('listitem', [text('第一项')]), el('listitem', [text('第二项')])], {
          listType: 'bullet',
        }),
        el('table', [el('tablerow', [el('tablecell', [el('paragraph', [text('单元格')])])])]),
        el('paragraph', [
          text('见'),
          el('link', [text('链接文字')], { url: 'javascript:alert(1)' }),
          text('。'),
        ]),
        { type: 'image', version: 1, src: 'https://evil.example/x.png' },
        { type: 'equation', version: 1, equation: 'x^2' },
        { type: 'photo', version: 1, photoId: 'not-in-this-story' },
        el('collapsible-container', [el('collapsible-title', [text('折叠标题')])]),
      ],
      photos,
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', runs: [{ text: '第一项', format: 0 }] },
      { kind: 'paragraph', runs: [{ text: '第二项', format: 0 }] },
      { kind: 'paragraph', runs: [{ text: '单元格', format: 0 }] },
      { kind: 'paragraph', runs: [{ text: '见链接文字。', format: 0 }] },
      { kind: 'paragraph', runs: [{ text: '折叠标题', format: 0 }] },
    ]);
  });

  it('gathers bare inline nodes of a partial selection into one paragraph', () => {
    expect(
      blocksFromLexicalNodes(
        [text('半句', 1), el('link', [text('链接')], { url: 'https://a.cn' }), text('另半句')],
        photos,
      ),
    ).toEqual([
      {
        kind: 'paragraph',
        runs: [
          { text: '半句', format: 1 },
          { text: '链接另半句', format: 0 },
        ],
      },
    ]);
  });

  it('ignores malformed nodes and payloads', () => {
    expect(blocksFromLexicalClipboard('not json', photos)).toBeNull();
    expect(blocksFromLexicalClipboard('{"namespace":"x"}', photos)).toBeNull();
    expect(
      blocksFromLexicalClipboard(
        JSON.stringify({
          nodes: [
            null,
            3,
            'x',
            { type: 7 },
            el('paragraph', [{ text: 42 }, text('好')]),
            { __proto__: { type: 'paragraph' } },
          ],
        }),
        photos,
      ),
    ).toEqual([{ kind: 'paragraph', runs: [{ text: '好', format: 0 }] }]);
  });

  it('drops content nested deeper than any real editor writes', () => {
    let node: unknown = el('paragraph', [text('深处')]);
    for (let i = 0; i < 5000; i++) node = el('wrapper', [node]);
    expect(blocksFromLexicalNodes([node, el('paragraph', [text('浅处')])], photos)).toEqual([
      { kind: 'paragraph', runs: [{ text: '浅处', format: 0 }] },
    ]);
  });
});
