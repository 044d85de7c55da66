/**
 * The native messages shown when the desk cannot start on its data folder, in
 * Chinese and English: what happened, that nothing was changed, what to do next.
 */
import { dialog } from 'electron';

type Message = { title: string; body: string };

function lockedBy(err: unknown): { pid: string } | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; params?: Record<string, unknown> };
  if (e.code !== 'locked') return null;
  return { pid: String(e.params?.pid ?? '?') };
}

export function dataFolderMessage(err: unknown, dataDir: string): Message {
  const locked = lockedBy(err);
  if (locked) {
    return {
      title: '数据文件夹正在被使用 / Data folder in use',
      body: [
        `另一个程序（进程 ${locked.pid}）正在使用这个数据文件夹：`,
        dataDir,
        '为保护稿件不被同时改写，党建采编台没有打开它，文件夹中的内容没有任何改动。',
        '请关闭另一个党建采编台窗口或正在运行的 “desk serve”，然后重新启动。',
        '',
        `Another process (pid ${locked.pid}) is using this data folder:`,
        dataDir,
        'To keep the stories from being written twice at once, Dangjian Desk did not open it; nothing in it was changed.',
        'Close the other Dangjian Desk window or the running "desk serve", then start again.',
      ].join('\n'),
    };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return {
    title: '无法打开数据文件夹 / Cannot open the data folder',
    body: [
      '党建采编台无法打开数据文件夹：',
      dataDir,
      `原因：${detail}`,
      '文件夹中已有的内容没有被改动。请检查该文件夹是否存在、可写、磁盘是否已满，',
      '或用 “--data 文件夹” 参数或 DESK_DATA_DIR 环境变量指定另一个文件夹。',
      '',
      'Dangjian Desk could not open its data folder:',
      dataDir,
      `Reason: ${detail}`,
      'Nothing already in the folder was changed. Check that it exists, is writable and the disk is not full,',
      'or choose another folder with "--data DIR" or the DESK_DATA_DIR environment variable.',
    ].join('\n'),
  };
}

/** Shows the message (and logs it, for runs without a display). Call after ready. */
export function showDataFolderError(err: unknown, dataDir: string): void {
  const { title, body } = dataFolderMessage(err, dataDir);
  console.error(`${title}\n${body}`);
  dialog.showErrorBox(title, body);
}
