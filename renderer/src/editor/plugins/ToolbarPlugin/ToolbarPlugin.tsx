/**
 * The body's toolbar: block format, bold/italic, undo/redo, find/replace. It
 * only reads the editor and dispatches commands; every button names its
 * shortcut in the tooltip. Buttons keep the focus in the text (mousedown is
 * prevented) so the caret stays where the reporter was typing.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
} from 'lexical';
import { useEffect, useState, type ReactNode } from 'react';

import { useI18n } from '../../../app/i18n/i18n';
import {
  $selectedBlockFormat,
  BLOCK_FORMAT_KEYS,
  BLOCK_FORMATS,
  FORMAT_BLOCK_COMMAND,
  type BlockFormat,
} from '../BlockFormatPlugin/BlockFormatPlugin';
import { OPEN_FIND_COMMAND } from '../FindReplacePlugin/FindReplacePlugin';

type ToolbarState = { block: BlockFormat | null; bold: boolean; italic: boolean };

export function ToolbarPlugin({ readOnly }: { readOnly: boolean }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [state, setState] = useState<ToolbarState>({ block: null, bold: false, italic: false });
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read(() => {
            const selection = $getSelection();
            const text = $isRangeSelection(selection);
            return {
              block: $selectedBlockFormat(),
              bold: text && selection.hasFormat('bold'),
              italic: text && selection.hasFormat('italic'),
            };
          });
          setState((prev) =>
            prev.block === next.block && prev.bold === next.bold && prev.italic === next.italic ? prev : next,
          );
        }),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (can) => {
            setCanUndo(can);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (can) => {
            setCanRedo(can);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );

  const tip = (label: string, keys: string) => t('toolbar.tip', { label, keys });
  const button = (
    id: string,
    label: string,
    keys: string,
    onClick: () => void,
    opts: { on?: boolean; disabled?: boolean; className?: string; content?: ReactNode } = {},
  ) => (
    <button
      key={id}
      type="button"
      className={[opts.className, opts.on ? 'on' : ''].filter(Boolean).join(' ')}
      aria-pressed={opts.on}
      aria-label={label}
      title={tip(label, keys)}
      data-testid={id}
      disabled={opts.disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {opts.content ?? label}
    </button>
  );

  return (
    <div className="block-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="toolbar-group">
        {BLOCK_FORMATS.map((format) =>
          button(
            `format-${format}`,
            t(`toolbar.${format}`),
            BLOCK_FORMAT_KEYS[format],
            () => editor.dispatchCommand(FORMAT_BLOCK_COMMAND, format),
            { on: state.block === format, disabled: readOnly },
          ),
        )}
      </div>
      <div className="toolbar-group">
        {button(
          'format-bold',
          t('toolbar.bold'),
          'Ctrl+B',
          () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold'),
          {
            on: state.bold,
            disabled: readOnly,
            className: 'tool-bold',
          },
        )}
        {button(
          'format-italic',
          t('toolbar.italic'),
          'Ctrl+I',
          () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic'),
          { on: state.italic, disabled: readOnly, className: 'tool-italic' },
        )}
      </div>
      <div className="toolbar-group">
        {button('undo', t('toolbar.undo'), 'Ctrl+Z', () => editor.dispatchCommand(UNDO_COMMAND, undefined), {
          disabled: readOnly || !canUndo,
        })}
        {button(
          'redo',
          t('toolbar.redo'),
          'Ctrl+Y / Ctrl+Shift+Z',
          () => editor.dispatchCommand(REDO_COMMAND, undefined),
          {
            disabled: readOnly || !canRedo,
          },
        )}
      </div>
      <div className="toolbar-group toolbar-end">
        {button('open-find', t('toolbar.find'), 'Ctrl+F', () =>
          editor.dispatchCommand(OPEN_FIND_COMMAND, { replace: false }),
        )}
        {!readOnly &&
          button('open-replace', t('toolbar.replace'), 'Ctrl+H', () =>
            editor.dispatchCommand(OPEN_FIND_COMMAND, { replace: true }),
          )}
      </div>
    </div>
  );
}
