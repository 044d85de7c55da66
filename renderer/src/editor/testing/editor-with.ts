/** Unit-test helper: a headless Lexical editor whose body is one paragraph per text. */
import { $createParagraphNode, $createTextNode, $getRoot, createEditor, type LexicalEditor } from 'lexical';

export function editorWith(texts: readonly string[], namespace = 'unit-test'): LexicalEditor {
  const editor = createEditor({
    namespace,
    onError: (e) => {
      throw e;
    },
  });
  editor.update(
    () => {
      for (const text of texts) $getRoot().append($createParagraphNode().append($createTextNode(text)));
    },
    { discrete: true },
  );
  return editor;
}
