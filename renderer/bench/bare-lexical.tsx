/**
 * The baseline of the editor benchmarks (electron/cli/bench/editor.bench.ts): a
 * bare Lexical rich-text editor, with nothing of the desk around it, in the same
 * type as the story body. Built by ./vite.config.ts into out/bench-bare/ only
 * when the benchmark runs; never part of the app build.
 *
 * The bench calls window.bareLexical.mount(paragraphs, { column }) with the width
 * the app's body column has in the same window (a narrower column breaks the same
 * text into more lines, and each line is laid out and painted), spell checking off
 * as in the story body, and waits for [data-ready] on the editable.
 */
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { createRoot } from 'react-dom/client';

declare global {
  interface Window {
    bareLexical: { mount(paragraphs: readonly string[], options?: { column?: number }): void };
  }
}

function BareEditor({ paragraphs }: { paragraphs: readonly string[] }) {
  return (
    <LexicalComposer
      initialConfig={{
        namespace: 'bare',
        nodes: [HeadingNode, QuoteNode],
        onError: (error) => {
          throw error;
        },
        editorState: () => {
          const root = $getRoot();
          for (const text of paragraphs) {
            const p = $createParagraphNode();
            if (text) p.append($createTextNode(text));
            root.append(p);
          }
          if (root.getChildrenSize() === 0) root.append($createParagraphNode());
        },
      }}
    >
      <div className="scroll">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="editable"
              data-testid="body-editor"
              data-ready=""
              spellCheck={false}
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
    </LexicalComposer>
  );
}

window.bareLexical = {
  mount(paragraphs, options) {
    if (options?.column) document.documentElement.style.setProperty('--column', `${options.column}px`);
    createRoot(document.getElementById('root')!).render(<BareEditor paragraphs={paragraphs} />);
  },
};
