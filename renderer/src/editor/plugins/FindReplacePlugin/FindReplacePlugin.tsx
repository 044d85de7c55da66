/**
 * Find and replace in the body: Ctrl+F opens the find bar, Ctrl+H the replace
 * row; Enter / Shift+Enter (or F3 / Shift+F3) move between matches; Escape
 * closes and leaves the current match selected. Owns OPEN_FIND_COMMAND, which
 * the toolbar dispatches. The app's own Ctrl+F (list search) leaves key presses
 * inside [data-find-scope] to this plugin (app/use-shortcuts.ts).
 *
 * No key does anything while an input method is composing: Enter then commits
 * the candidate, it does not jump to the next match.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  COMMAND_PRIORITY_LOW,
  createCommand,
  KEY_DOWN_COMMAND,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';

import { useI18n } from '../../../app/i18n/i18n';
import { FindSession } from './find-session';

export const OPEN_FIND_COMMAND: LexicalCommand<{ replace: boolean }> = createCommand('OPEN_FIND_COMMAND');

/** The attribute that marks where Ctrl+F means "find in the body", not "search the list". */
export const FIND_SCOPE_ATTRIBUTE = 'data-find-scope';

export const isComposingKey = (event: { isComposing: boolean; keyCode: number }) =>
  event.isComposing || event.keyCode === 229;

const plainCtrl = (e: globalThis.KeyboardEvent | KeyboardEvent) =>
  (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;

export function registerFindReplace(editor: LexicalEditor, session: FindSession): () => void {
  return mergeRegister(
    session.register(),
    editor.registerCommand(
      OPEN_FIND_COMMAND,
      ({ replace }) => {
        session.open(replace);
        return true;
      },
      COMMAND_PRIORITY_LOW,
    ),
    editor.registerCommand(
      KEY_DOWN_COMMAND,
      (event) => {
        if (isComposingKey(event)) return false;
        const key = event.key.toLowerCase();
        const open = session.getState().open;
        if (plainCtrl(event) && (key === 'f' || key === 'h')) {
          session.open(key === 'h');
        } else if (open && event.key === 'F3' && !event.ctrlKey && !event.altKey) {
          if (event.shiftKey) session.previous();
          else session.next();
        } else if (open && event.key === 'Escape') {
          session.close();
        } else {
          return false;
        }
        event.preventDefault();
        return true;
      },
      COMMAND_PRIORITY_LOW,
    ),
  );
}

export function FindReplacePlugin({ readOnly }: { readOnly: boolean }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [session] = useState(() => new FindSession(editor));
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const queryRef = useRef<HTMLInputElement>(null);
  const replaceRef = useRef<HTMLInputElement>(null);

  useEffect(() => registerFindReplace(editor, session), [editor, session]);

  useEffect(() => {
    if (!state.open || state.focus === 0) return;
    const input = state.focusTarget === 'replacement' ? replaceRef.current : queryRef.current;
    input?.focus();
    input?.select();
  }, [state.focus, state.focusTarget, state.open]);

  if (!state.open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isComposingKey(event.nativeEvent)) return;
    const key = event.key.toLowerCase();
    const inReplace = event.target === replaceRef.current;
    if (event.key === 'Escape') session.close();
    else if (plainCtrl(event) && key === 'f') {
      queryRef.current?.focus();
      queryRef.current?.select();
    } else if (plainCtrl(event) && key === 'h') {
      session.open(true);
    } else if (event.key === 'Enter' && inReplace && event.ctrlKey && event.altKey) session.replaceAll();
    else if (event.key === 'Enter' && inReplace && !event.shiftKey) session.replaceOne();
    else if (event.key === 'Enter' || event.key === 'F3') {
      if (event.shiftKey) session.previous();
      else session.next();
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const status =
    state.query === ''
      ? ''
      : state.total === 0
        ? t('find.none')
        : t('find.position', { current: state.current + 1, total: state.total });

  return (
    <div
      className="find-bar"
      role="search"
      aria-label={t('find.label')}
      data-testid="find-bar"
      onKeyDown={onKeyDown}
    >
      <div className="find-row">
        <input
          ref={queryRef}
          className="find-input"
          data-testid="find-query"
          aria-label={t('find.query')}
          placeholder={t('find.query')}
          value={state.query}
          onChange={(e) => session.setQuery(e.target.value)}
        />
        <span className="find-status" data-testid="find-status" aria-live="polite">
          {status}
        </span>
        <button
          type="button"
          title={t('find.prevTip')}
          onClick={() => session.previous()}
          data-testid="find-prev"
        >
          {t('find.prev')}
        </button>
        <button
          type="button"
          title={t('find.nextTip')}
          onClick={() => session.next()}
          data-testid="find-next"
        >
          {t('find.next')}
        </button>
        <label className="find-case">
          <input
            type="checkbox"
            checked={state.matchCase}
            onChange={() => session.toggleMatchCase()}
            data-testid="find-case"
          />
          {t('find.matchCase')}
        </label>
        {!readOnly && (
          <button
            type="button"
            className={state.replace ? 'on' : ''}
            title={t('toolbar.tip', { label: t('find.replaceToggle'), keys: 'Ctrl+H' })}
            onClick={() => session.toggleReplace()}
            data-testid="find-toggle-replace"
          >
            {t('find.replaceToggle')}
          </button>
        )}
        <button
          type="button"
          className="find-close"
          title={t('toolbar.tip', { label: t('find.close'), keys: 'Esc' })}
          aria-label={t('find.close')}
          onClick={() => session.close()}
          data-testid="find-close"
        >
          ×
        </button>
      </div>
      {state.replace && !readOnly && (
        <div className="find-row">
          <input
            ref={replaceRef}
            className="find-input"
            data-testid="find-replacement"
            aria-label={t('find.replacement')}
            placeholder={t('find.replacement')}
            value={state.replacement}
            onChange={(e) => session.setReplacement(e.target.value)}
          />
          <button
            type="button"
            disabled={state.total === 0}
            title={t('toolbar.tip', { label: t('find.replaceOne'), keys: 'Enter' })}
            onClick={() => session.replaceOne()}
            data-testid="find-replace-one"
          >
            {t('find.replaceOne')}
          </button>
          <button
            type="button"
            disabled={state.total === 0}
            title={t('toolbar.tip', { label: t('find.replaceAll'), keys: 'Ctrl+Alt+Enter' })}
            onClick={() => session.replaceAll()}
            data-testid="find-replace-all"
          >
            {t('find.replaceAll')}
          </button>
        </div>
      )}
    </div>
  );
}
