/**
 * The body's live length in the three counts editors use (domain §7): Word-style
 * 字数, Chinese characters, characters without spaces. It never runs per
 * keystroke: a change asks for a count, which runs after a pause (or every two
 * seconds of non-stop typing), when the browser is idle. Counts are kept per
 * block and summed, and only the blocks an update touched are counted again, so
 * a count in a 20,000-character story costs the paragraph typed in, not the
 * story (issue 3, typing benchmark). The sum is the count of the whole text:
 * blocks are joined by white space, which no count includes or runs across.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getRoot, type LexicalEditor, type NodeKey } from 'lexical';
import { useEffect, useState } from 'react';

import { addCounts, countText, type Counts } from '../../../../../shared/text/counts';
import { useI18n } from '../../../app/i18n/i18n';
import { registerAfterBodyPause } from '../../after-body-pause';
import { replacedWholeState } from '../FindingsPlugin/live-body';

const ZERO: Counts = { han: 0, wordStyle: 0, nonSpace: 0 };

export function registerCharCount(editor: LexicalEditor, onCounts: (counts: Counts) => void): () => void {
  const byBlock = new Map<NodeKey, Counts>();
  const count = () => {
    let blocks = 0;
    const counts = editor.getEditorState().read(() => {
      let total = ZERO;
      for (const node of $getRoot().getChildren()) {
        const key = node.getKey();
        let counted = byBlock.get(key);
        if (!counted) {
          counted = countText(node.getTextContent());
          byBlock.set(key, counted);
        }
        total = addCounts(total, counted);
        blocks++;
      }
      return total;
    });
    // Blocks deleted since: forget them now and then.
    if (byBlock.size > blocks * 2 + 64) byBlock.clear();
    onCounts(counts);
  };
  return mergeRegister(
    // dirtyElements names every ancestor of a changed node, so the block typed in;
    // undo/redo replaces the whole state and names only the root.
    editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (replacedWholeState(dirtyElements, dirtyLeaves)) byBlock.clear();
      else for (const key of dirtyElements.keys()) byBlock.delete(key);
    }),
    registerAfterBodyPause(editor, count, { now: true }),
  );
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
