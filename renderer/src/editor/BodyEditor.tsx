/**
 * The body editor and every plugin it mounts, in one place (docs/style.md §2).
 * LexicalComposer itself sits higher, in StoryScreen, so the side panels can
 * dispatch the plugins' commands and the story bar can show the live counts.
 *
 * The wrapper carries data-find-scope: inside it Ctrl+F is the body's find bar,
 * not the desk's list search (app/use-shortcuts.ts).
 */
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';

import { memo } from 'react';

import { useI18n } from '../app/i18n/i18n';
import { BlockFormatPlugin } from './plugins/BlockFormatPlugin/BlockFormatPlugin';
import { BodyChangePlugin, type BodySink } from './plugins/BodyChangePlugin/BodyChangePlugin';
import { FindingsPlugin } from './plugins/FindingsPlugin/FindingsPlugin';
import { FIND_SCOPE_ATTRIBUTE, FindReplacePlugin } from './plugins/FindReplacePlugin/FindReplacePlugin';
import { PastePlugin } from './plugins/PastePlugin/PastePlugin';
import { FiguresPlugin } from './plugins/figures/FiguresPlugin';
import { PhotoPlugin } from './plugins/PhotoPlugin/PhotoPlugin';
import { SelectionSyncPlugin } from './plugins/SelectionSyncPlugin/SelectionSyncPlugin';
import { TextFormatPlugin } from './plugins/TextFormatPlugin/TextFormatPlugin';
import { ToolbarPlugin } from './plugins/ToolbarPlugin/ToolbarPlugin';

/** Memoized: the story screen re-renders on a save or a panel edit, and the body need not. */
export const BodyEditor = memo(function BodyEditor({
  sink,
  readOnly,
}: {
  sink: BodySink;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="body-editor" {...{ [FIND_SCOPE_ATTRIBUTE]: '' }}>
      <div className="body-tools">
        <ToolbarPlugin readOnly={readOnly} />
        <FindReplacePlugin readOnly={readOnly} />
        <PastePlugin />
      </div>
      <div className="body-frame">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="body-editable"
              data-testid="body-editor"
              aria-label={t('story.body')}
              aria-multiline
              spellCheck={false}
            />
          }
          placeholder={<div className="body-placeholder">{t('story.bodyPlaceholder')}</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <SelectionSyncPlugin />
      <HistoryPlugin />
      <BlockFormatPlugin />
      <TextFormatPlugin />
      <PhotoPlugin />
      <FiguresPlugin />
      <FindingsPlugin />
      <BodyChangePlugin sink={sink} />
    </div>
  );
});
