/**
 * The page proof as one self-contained HTML document, which Chromium prints to
 * proof.pdf (Electron's printToPDF in the app, headless Chromium from the CLI). It is a
 * reading proof, not the layout: an A3 page with the section's masthead line, the
 * stories in slot order, the lead across the whole width, each story's headline across
 * its columns and its text flowing in columns, photos with caption and credit, the key
 * figures box. Fonts: the system's CJK serif, sans and kai (PROOF_FONTS); Chromium
 * embeds the glyphs it uses in the PDF.
 *
 * No script, no external resource: images arrive as data: URLs from the caller.
 */
import { escapeXml } from './xml-text';
import { paragraphText, type StoryParts, type StyledParagraph } from './story-parts';

export type ProofStory = {
  role: 'lead' | 'secondary' | 'brief' | 'photo' | 'box';
  parts: StoryParts;
  /** data: URL (or file: URL) per photo id; a photo without one prints as a grey box. */
  images: Record<string, string>;
};

export type ProofPage = {
  page: string;
  date: string;
  edition: string;
  section?: string;
  stories: ProofStory[];
};

/**
 * Font stacks, TrueType faces first: Chromium's PDF backend (Skia) embeds a TrueType
 * (glyf) face as a CID TrueType subset, but writes a CFF/OpenType face such as Noto CJK
 * as Type 3 glyph procedures: 2.5× the file, text that some tools cannot search, and a
 * slower print. 宋体/黑体/雅黑/楷体 (Windows), 宋体-简 (macOS) and WenQuanYi Zen Hei / AR PL
 * UMing/UKai (Linux: fonts-wqy-zenhei, fonts-arphic-uming, fonts-arphic-ukai) are
 * TrueType; Noto/Source Han CJK stay as the fallback.
 */
export const PROOF_FONTS = {
  serif: 'SimSun,"宋体","Songti SC","AR PL UMing CN","Noto Serif CJK SC","Source Han Serif SC",serif',
  sans: '"Microsoft YaHei",SimHei,"黑体","PingFang SC","WenQuanYi Zen Hei","Noto Sans CJK SC","Source Han Sans SC",sans-serif',
  kai: 'KaiTi,"楷体","Kaiti SC","AR PL UKai CN",SimSun,"宋体","Songti SC","AR PL UMing CN","Noto Serif CJK SC",serif',
} as const;
const SERIF = PROOF_FONTS.serif;
const SANS = PROOF_FONTS.sans;
const KAI = PROOF_FONTS.kai;

const CSS = `
@page { size: A3; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${SERIF}; font-size: 9.5pt; line-height: 1.55; color: #111; }
header.masthead { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 3px double #b00; padding-bottom: 2mm; margin-bottom: 4mm; font-family: ${SANS}; }
header.masthead .section { font-size: 20pt; font-weight: 700; color: #b00; letter-spacing: 0.3em; }
header.masthead .meta { font-size: 10pt; }
main { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm 6mm; }
article { border-top: 1px solid #999; padding-top: 2mm; break-inside: avoid-page; }
article.lead, article.photo { grid-column: 1 / -1; }
.kicker, .subheadline { font-family: ${KAI}; font-size: 12pt; text-align: center; margin: 0.5mm 0; }
h1.headline { font-family: ${SANS}; font-weight: 700; font-size: 20pt; line-height: 1.25; text-align: center; margin: 1mm 0 2mm; }
article.lead h1.headline { font-size: 28pt; }
.cols { column-count: 2; column-gap: 5mm; column-rule: 0.3pt solid #ccc; }
article.lead .cols { column-count: 4; }
article.brief .cols { column-count: 2; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.subhead { font-family: ${SANS}; font-weight: 700; text-indent: 0; text-align: center; margin: 1.5mm 0; break-after: avoid; }
p.byline, p.dateline { font-family: ${KAI}; text-indent: 0; }
p.jump { font-family: ${KAI}; text-indent: 0; text-align: right; font-size: 8.5pt; }
.run-dateline { font-family: ${SANS}; font-weight: 700; }
.run-byline { font-family: ${KAI}; }
.run-bold, .run-boldItalic { font-weight: 700; }
.run-italic, .run-boldItalic { font-style: italic; }
figure { margin: 0 0 2mm; break-inside: avoid; }
figure img, figure .missing { display: block; width: 100%; max-height: 110mm; object-fit: cover; background: #ddd; }
figure .missing { height: 40mm; }
figcaption { font-family: ${KAI}; font-size: 8.5pt; line-height: 1.45; margin-top: 1mm; }
figcaption .credit { margin-left: 1em; }
aside.box { border: 1px solid #b00; padding: 1.5mm 2.5mm; margin: 2mm 0; break-inside: avoid; font-size: 9pt; }
aside.box p { text-indent: 0; }
`;

function runsHtml(p: StyledParagraph): string {
  return p.runs
    .map((r) => {
      const text = escapeXml(r.text).replace(/\n/g, '<br>');
      return r.style ? `<span class="run-${r.style}">${text}</span>` : text;
    })
    .join('');
}

function bodyHtml(p: StyledParagraph): string {
  const cls = p.style === 'body' ? '' : ` class="${p.style}"`;
  return `<p${cls}>${runsHtml(p)}</p>`;
}

function storyHtml(story: ProofStory): string {
  const { head, body, figures, captions } = story.parts;
  const headHtml = head
    .map((p) => {
      if (p.style === 'headline') return `<h1 class="headline">${runsHtml(p)}</h1>`;
      return `<div class="${p.style}">${runsHtml(p)}</div>`;
    })
    .join('\n');
  const photos = captions
    .map((c) => {
      const src = story.images[c.photo.id];
      const img = src ? `<img src="${escapeXml(src)}" alt="">` : '<div class="missing"></div>';
      const [caption, credit] = c.paragraphs;
      return (
        `<figure>${img}<figcaption>${caption ? runsHtml(caption) : ''}` +
        `${credit && paragraphText(credit) ? `<span class="credit">${runsHtml(credit)}</span>` : ''}</figcaption></figure>`
      );
    })
    .join('\n');
  const box = figures.length ? `<aside class="box">${figures.map(bodyHtml).join('')}</aside>` : '';
  return (
    `<article class="${story.role}">\n${headHtml}\n<div class="cols">\n${photos}\n` +
    `${body.map(bodyHtml).join('\n')}\n${box}\n</div>\n</article>`
  );
}

export function writeProofHtml(page: ProofPage): string {
  const title = `${page.page} ${page.date}`;
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeXml(title)} 清样</title>`,
    `<style>${CSS}</style></head><body>`,
    `<header class="masthead"><span class="section">${escapeXml(page.section ?? '党建')}</span>` +
      `<span class="meta">${escapeXml(page.date)}\u3000${escapeXml(page.edition)}\u3000${escapeXml(page.page)}版</span></header>`,
    '<main>',
    ...page.stories.map(storyHtml),
    '</main>',
    '</body></html>',
    '',
  ].join('\n');
}
