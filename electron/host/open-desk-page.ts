/**
 * The page `GET /` answers without the browser cookie (issue 16): how to open the
 * desk, in both languages (the host cannot know the person's setting before the
 * app runs). It carries no token and no secret; the host's CSP header applies.
 */
const TEXT = {
  zh: {
    title: '请用一次性地址打开采编台',
    used: '这个一次性地址已经用过了，每个地址只能打开一次。',
    what: '为了只让启动采编台的人使用它，这个地址需要启动时给出的一次性链接。',
    how: '在运行 “desk serve”（或 “npm start”）的终端里按回车键，采编台会打印一个新的一次性地址；在这个浏览器里打开它。稿件都在数据文件夹里，没有改动。',
  },
  en: {
    title: 'Open the desk with its one-time address',
    used: 'This one-time address has been used already; each address opens the desk once.',
    what: 'So that only the person who started the desk can use it, it opens through the one-time address printed at start.',
    how: 'Press Enter in the terminal running “desk serve” (or “npm start”): the desk prints a new one-time address; open it in this browser. Your stories are in the data folder, unchanged.',
  },
} as const;

/** The HTML of that page; `used`: the address carried a secret that is no longer valid. */
export function openDeskPage(used: boolean): string {
  const block = (t: (typeof TEXT)['zh' | 'en'], lang: string) =>
    `<section lang="${lang}"><h1>${t.title}</h1>${used ? `<p>${t.used}</p>` : ''}<p>${t.what}</p><p>${t.how}</p></section>`;
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>${TEXT.zh.title} · ${TEXT.en.title}</title>
  </head>
  <body data-testid="open-desk-page">
    ${block(TEXT.zh, 'zh-CN')}
    ${block(TEXT.en, 'en')}
  </body>
</html>
`;
}
