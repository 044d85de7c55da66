import { describe, expect, it } from 'vitest';

import wechatHtml from './fixtures/wechat.html?raw';
import wordHtml from './fixtures/word.html?raw';
import wpsHtml from './fixtures/wps.html?raw';
import { blocksFromHtmlTree, neutraliseStyles } from './html-blocks';
import { BOLD, ITALIC, blocksFromPlainText, type PasteBlock } from './paste-blocks';
import { element, parseTestHtml, testTree, type TestNode } from './test-html-tree';

const paste = (html: string) => blocksFromHtmlTree(testTree, parseTestHtml(html));

/** Blocks as `kind: text` lines, with **bold** and _italic_ marked, for readable expectations. */
function show(blocks: PasteBlock[]): string[] {
  return blocks.map((b) => {
    if (b.kind === 'photo') return `photo: ${b.photoId}`;
    const text = b.runs
      .map((r) => {
        if ('br' in r) return '\n';
        let t = r.text;
        if (r.format & ITALIC) t = `_${t}_`;
        if (r.format & BOLD) t = `**${t}**`;
        return t;
      })
      .join('');
    return `${b.kind}: ${text}`;
  });
}

describe('paste from Word', () => {
  const { blocks, images } = paste(wordHtml);

  it('keeps paragraphs, subheads, quotes, bold and italic, and nothing of the styling', () => {
    expect(show(blocks)).toEqual([
      'paragraph: 本报讯（记者 林晓舟 通讯员 许文清）今年以来，青禾县坚持党建引领基层治理，推动“三会一课”制度落到实处。',
      'subhead: 一、把支部建在网格上',
      'paragraph: 全县划分网格326个，**每个网格都有一名党员联系户**，群众的事_件件有回音_。',
      'subhead: 二、让党员走在前列',
      'quote: “有事找网格员，已经成了村里人的习惯。”',
      'paragraph: 投入资金',
      'paragraph: 1758万元',
      'paragraph: 1. 建立党员责任区',
    ]);
  });

  it('offers the pasted image for import instead of inserting it', () => {
    expect(images).toEqual([
      { src: 'file:///C:/Users/ADMINI~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg', alt: '' },
    ]);
  });
});

describe('paste from WPS', () => {
  it('reads bold and italic from inline styles and short bold paragraphs as subheads', () => {
    expect(show(paste(wpsHtml).blocks)).toEqual([
      'paragraph: 社区党委书记说：**“把服务送到家门口”**，是这两年最大的变化。',
      'subhead: 三、服务清单亮出来',
      'paragraph: _服务清单_共列出事项42项。',
    ]);
  });
});

describe('paste from a WeChat article', () => {
  const { blocks, images } = paste(wechatHtml);

  it('flattens the nested sections and keeps the structure', () => {
    expect(show(blocks)).toEqual([
      'subhead: 坚持党建引领　激活“红色引擎”',
      'paragraph: 近年来，石桥街道把党组织建在小区里，**组建楼栋党小组58个**，推动资源下沉、服务上门。详见街道公众号和往期报道。',
      'paragraph: ▲小区议事会现场',
      'quote: _“遇到难事，楼栋长一个电话就到。”_居民张大姐说。',
      'paragraph: 下一步，街道将持续深化**“红色物业”**建设。',
    ]);
  });

  it('collects lazy-loaded images by data-src with their alt text', () => {
    expect(images).toEqual([
      { src: 'https://mmbiz.qpic.cn/mmbiz_jpg/example/640?wx_fmt=jpeg', alt: '小区议事会现场' },
    ]);
  });
});

describe('hostile HTML', () => {
  it('drops scripts, handlers, frames, forms and javascript: links, keeping only text', () => {
    const { blocks, images } = paste(`
      <p onclick="steal()">第一段<script>alert('x')</script><img src="x" onerror="alert(1)"></p>
      <style>p { color: red }</style>
      <iframe src="https://evil.example/"></iframe>
      <p><a href="javascript:alert(document.cookie)">点这里</a><a href="data:text/html,<script>alert(1)</script>">和这里</a></p>
      <form action="https://evil.example/"><input value="偷偷提交"><button>按钮</button></form>
      <svg><text>矢量图里的字</text></svg>
      <p style="background:url(javascript:alert(1))">第三段<img src="javascript:alert(1)"><img src="blob:https://a/b"></p>
      <p>\u202e控制字符\u200b测试</p>`);
    expect(show(blocks)).toEqual([
      'paragraph: 第一段',
      'paragraph: 点这里和这里',
      'paragraph: 第三段',
      'paragraph: 控制字符测试',
    ]);
    expect(images).toEqual([]);
  });

  it('walks 5,000 nested divs without overflowing the stack', () => {
    let node: TestNode = { kind: 'text', text: '最里面的一句话。' };
    for (let i = 0; i < 5000; i++) node = element('div', { onmouseover: 'x()' }, [node]);
    const { blocks } = blocksFromHtmlTree(testTree, element('body', {}, [node]));
    expect(show(blocks)).toEqual(['paragraph: 最里面的一句话。']);
  });

  it('does not treat Google Docs-style <b style="font-weight:normal"> as bold', () => {
    expect(
      show(
        paste('<b style="font-weight:normal" id="docs-internal-guid-1"><p>普通段落，不是加粗。</p></b>')
          .blocks,
      ),
    ).toEqual(['paragraph: 普通段落，不是加粗。']);
  });
});

describe('block rules', () => {
  it('h1–h4 are subheads (h5/h6 are not), a <br> ends a paragraph, a bold sentence stays a paragraph', () => {
    expect(
      show(
        paste(
          '<h1>标题一</h1><h4><b>四级</b></h4><h5>五级</h5><p>第一行<br>第二行</p><p><b>这是一整句加粗的话，结尾有句号。</b></p>',
        ).blocks,
      ),
    ).toEqual([
      'subhead: 标题一',
      'subhead: 四级',
      'paragraph: 五级',
      'paragraph: 第一行',
      'paragraph: 第二行',
      'paragraph: **这是一整句加粗的话，结尾有句号。**',
    ]);
  });

  it('collapses white space like a browser and trims full-width indents', () => {
    expect(show(paste('<p>　　Party   building\n  in <i>Chinese</i>  text </p>').blocks)).toEqual([
      'paragraph: Party building in _Chinese_ text',
    ]);
  });

  it('keeps the lines of <pre> as paragraphs', () => {
    expect(show(paste('<pre>第一行\n  第二行\n\n</pre>').blocks)).toEqual([
      'paragraph: 第一行',
      'paragraph: 第二行',
    ]);
  });
});

describe('plain text', () => {
  // Its speed on such a text is `npm run desk -- bench paste`; a test never fails on a timing.
  it('makes one paragraph per non-empty line of a 200,000-character text, indents dropped', () => {
    const line = '基层党组织建设持续加强，党员先锋模范作用充分发挥。';
    const text = Array.from({ length: 8000 }, () => `\u3000\u3000${line}`).join('\r\n\r\n');
    expect(text.length).toBeGreaterThan(200_000);
    const blocks = blocksFromPlainText(text);
    expect(blocks).toHaveLength(8000);
    expect(show(blocks.slice(0, 1))).toEqual([`paragraph: ${line}`]);
  });
});

describe('before parsing', () => {
  it('renames style attributes and elements so the page CSP never sees them', () => {
    expect(
      neutraliseStyles('<p class=x style="font-weight:bold" title="style=a">a style=b</p><STYLE>p{}</STYLE>'),
    ).toBe(
      '<p class=x data-desk-style="font-weight:bold" title="style=a">a style=b</p><desk-style>p{}</desk-style>',
    );
  });
});
