/**
 * The baseline of the editor benchmarks (electron/cli/bench/editor.bench.ts): a
 * bare Lexical rich-text editor, with nothing of the desk around it, in the same
 * column width and type as the story body. Built by ./vite.config.ts into
 * out/bench-bare/ only when the benchmark runs; never part of the app build.
 *
 * The bench calls window.bareLexical.mount(paragraphs) and waits for
 * [data-ready] on the editable.
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
    bareLexical: { mount(paragraphs: readonly string[]): void };
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
          contentEditable={<ContentEditable className="editable" data-testid="body-editor" data-ready="" />}
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
    </LexicalComposer>
  );
}

window.bareLexical = {
  mount(paragraphs) {
    createRoot(document.getElementById('root')!).render(<BareEditor paragraphs={paragraphs} />);
  },
};
