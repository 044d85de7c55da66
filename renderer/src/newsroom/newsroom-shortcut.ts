/** The 连接编辑部 shortcut as the header and the menu show it (use-shortcuts.ts hears it: Ctrl/⌘+,). */
export const NEWSROOM_SHORTCUT =
  typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘+,' : 'Ctrl+,';
