/**
 * The body knows two text formats, bold and italic (Ctrl+B / Ctrl+I, handled by
 * Lexical's rich-text keys). Every other format (underline on Ctrl+U,
 * strikethrough, code …) has no meaning on a printed 党建 page, so the command is
 * swallowed before the rich-text plugin applies it.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW, FORMAT_TEXT_COMMAND, type LexicalEditor, type TextFormatType } from 'lexical';
import { useEffect } from 'react';

export const BODY_TEXT_FORMATS: ReadonlySet<TextFormatType> = new Set(['bold', 'italic']);

export function registerTextFormatLimits(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    FORMAT_TEXT_COMMAND,
    (format) => !BODY_TEXT_FORMATS.has(format),
    COMMAND_PRIORITY_LOW,
  );
}

export function TextFormatPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerTextFormatLimits(editor), [editor]);
  return null;
}
