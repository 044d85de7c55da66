/**
 * The desk's keyboard shortcuts, on window in the capture phase so the browser's
 * own Ctrl+S / Ctrl+F never win. Nothing fires while an IME is composing: a
 * Chinese input method uses Enter, Backspace and Delete to edit its candidate
 * string, and those keys belong to it (event.isComposing, or keyCode 229 which
 * some IMEs still send).
 */
import { useEffect, useRef } from 'react';

export type ShortcutHandlers = {
  newStory: () => void;
  focusSearch: () => void;
  saveNow: () => void;
  trashSelected: () => void;
  /** Alt+1, Alt+2, Alt+3: the stories, pages and archive screens (Ctrl+digit belongs to the browser). */
  showStories: () => void;
  showPages: () => void;
  showArchive: () => void;
  /** Ctrl/⌘+, (the usual settings key): 设置 → 连接编辑部 (issue 17). */
  openNewsroom: () => void;
  /** Ctrl/⌘+Shift+E: 带走编辑 the checked stories of the list, or the open one (issue 18). */
  checkOut: () => void;
};

const VIEW_KEYS: Record<string, keyof ShortcutHandlers> = {
  '1': 'showStories',
  '2': 'showPages',
  '3': 'showArchive',
};

/** True when a key press belongs to a text field rather than to the desk. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]') !== null;
}

/**
 * True inside the body editor and its find bar ([data-find-scope]): there Ctrl+F
 * opens the body's own find bar (editor/plugins/FindReplacePlugin) instead.
 */
export function isFindScopeTarget(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  return target.closest('[data-find-scope]') !== null;
}

export function shortcutFor(event: KeyboardEvent): keyof ShortcutHandlers | null {
  if (event.isComposing || event.keyCode === 229) return null;
  // Plain typing (every keystroke in the body) is never a shortcut: no lookups for it.
  if (!event.ctrlKey && !event.metaKey && !event.altKey && event.key !== 'Delete') return null;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey && !event.shiftKey) {
    if (key === 'n') return 'newStory';
    if (key === 'f' && !isFindScopeTarget(event.target)) return 'focusSearch';
    if (key === 's') return 'saveNow';
    // event.code too: with a Chinese input method on, the key may arrive as the full-width "，".
    if (key === ',' || event.code === 'Comma') return 'openNewsroom';
    if (key === 'backspace' && !isEditableTarget(event.target)) return 'trashSelected';
  }
  // event.code: with Shift (and an input method) the key may not read "e".
  if (mod && !event.altKey && event.shiftKey && event.code === 'KeyE') return 'checkOut';
  if (event.altKey && !mod && !event.shiftKey) {
    // event.code, not event.key: on macOS Alt+1 types "¡".
    const digit = /^Digit([1-3])$/.exec(event.code)?.[1];
    if (digit) return VIEW_KEYS[digit] ?? null;
  }
  if (!mod && !event.altKey && !event.shiftKey && key === 'delete' && !isEditableTarget(event.target)) {
    return 'trashSelected';
  }
  return null;
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const name = shortcutFor(event);
      // Typing is no shortcut: only a shortcut looks for an open dialog (a query over the whole document).
      if (!name || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      event.stopPropagation();
      ref.current[name]();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
