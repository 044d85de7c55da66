/**
 * The body's live length in the three counts editors use (domain §7): Word-style
 * 字数, Chinese characters, characters without spaces. Counting a 20,000-character
 * story takes a few milliseconds, so it never runs per keystroke: a change asks
 * for a count, which runs after a pause (or every two seconds of non-stop
 * typing), when the browser is idle.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, type LexicalEditor } from 'lexical';
import { useEffect, useState } from 'react';

import { countText, type Counts } from '../../../../../shared/text/counts';
import { useI18n } from '../../../app/i18n/i18n';
import { registerAfterBodyPause } from '../../after-body-pause';

export function registerCharCount(editor: LexicalEditor, onCounts: (counts: Counts) => void): () => void {
  const count = () => onCounts(countText(editor.getEditorState().read(() => $getRoot().getTextContent())));
  return registerAfterBodyPause(editor, count, { now: true });
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function CharCountPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [counts, setCounts] = useState<Counts | null>(null);

  useEffect(() => registerCharCount(editor, setCounts), [editor]);

  return (
    <span
      className="story-chars"
      data-testid="story-chars"
      data-word-style={counts?.wordStyle}
      data-han={counts?.han}
      data-non-space={counts?.nonSpace}
      title={t('counts.tip')}
    >
      <strong>{t('story.chars', { count: counts ? fmt(counts.wordStyle) : '…' })}</strong>
      <span className="story-chars-more">
        {t('counts.han', { count: counts ? fmt(counts.han) : '…' })} ·{' '}
        {t('counts.nonSpace', { count: counts ? fmt(counts.nonSpace) : '…' })}
      </span>
    </span>
  );
}
