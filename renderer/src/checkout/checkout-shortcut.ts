/** 带走编辑's key as the buttons show it (use-shortcuts.ts hears it: Ctrl/⌘+Shift+E). */
export const CHECKOUT_SHORTCUT =
  typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘+Shift+E' : 'Ctrl+Shift+E';
