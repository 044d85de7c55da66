/**
 * The application menu, labelled in Chinese (the desk's language). Items are
 * standard roles wherever one exists, so shortcuts, enablement and platform
 * behaviour (undo in the editor, copy, zoom, full screen) come from Electron.
 * Reload and developer tools appear only in unpackaged runs.
 */
import { app, BrowserWindow, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export type MenuContext = { dataDir: string };

/**
 * 设置 → 连接编辑部… opens the renderer's dialog by pressing its own shortcut (Ctrl/⌘+,,
 * renderer/src/app/use-shortcuts.ts) in the focused window: no extra IPC channel, and the
 * renderer keeps its rule that no shortcut fires over an open dialog. The accelerator is
 * shown, not registered, so the key press itself reaches the renderer as typed.
 */
function openNewsroomDialog(): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (!win) return;
  const modifiers: ('meta' | 'control')[] = [process.platform === 'darwin' ? 'meta' : 'control'];
  win.focus();
  win.webContents.sendInputEvent({ type: 'keyDown', keyCode: ',', modifiers });
  win.webContents.sendInputEvent({ type: 'keyUp', keyCode: ',', modifiers });
}

export function buildAppMenu({ dataDir }: MenuContext): Menu {
  const isMac = process.platform === 'darwin';
  const dev = !app.isPackaged;

  const about = () =>
    void dialog.showMessageBox({
      type: 'info',
      title: '关于党建采编台',
      message: `党建采编台 ${app.getVersion()}`,
      detail: `Dangjian Desk ${app.getVersion()}\n数据文件夹 / Data folder:\n${dataDir}\n\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome}`,
      buttons: ['好 / OK'],
    });

  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: '党建采编台',
            submenu: [
              { label: '关于党建采编台', click: about },
              { type: 'separator' },
              { role: 'hide', label: '隐藏党建采编台' },
              { role: 'hideOthers', label: '隐藏其他' },
              { role: 'unhide', label: '全部显示' },
              { type: 'separator' },
              { role: 'quit', label: '退出党建采编台' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: '文件',
      submenu: [
        { label: '打开数据文件夹', click: () => void shell.openPath(dataDir) },
        { type: 'separator' },
        isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'pasteAndMatchStyle', label: '粘贴为纯文本' },
        { role: 'delete', label: '删除' },
        { type: 'separator' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '设置',
      submenu: [
        {
          label: '连接编辑部…',
          accelerator: 'CmdOrCtrl+,',
          registerAccelerator: false,
          click: openNewsroomDialog,
        },
      ],
    },
    {
      label: '视图',
      submenu: [
        ...(dev
          ? ([
              { role: 'reload', label: '重新加载' },
              { role: 'toggleDevTools', label: '开发者工具' },
              { type: 'separator' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    {
      label: '帮助',
      role: 'help',
      submenu: [
        ...(isMac ? [] : [{ label: '关于党建采编台', click: about } satisfies MenuItemConstructorOptions]),
        { label: '打开数据文件夹', click: () => void shell.openPath(dataDir) },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
