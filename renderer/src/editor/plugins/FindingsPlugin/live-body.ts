/**
 * The body as the checks read it, straight from the editor: one block per top-level
 * node with its text (blocksOfBody reads nothing more), without serializing the whole
 * editor state. Blocks are remembered by node key and rebuilt only when Lexical marks
 * them dirty, so a pause in typing costs the changed paragraphs, not the story.
 */
import { $getRoot, $isElementNode, type LexicalEditor, type NodeKey } from 'lexical';

import { BODY_VERSION, type LexicalState, type SerializedNode } from '../../../../../shared/model';

/**
 * An update that replaced the whole state (undo/redo: setEditorState) marks only the
 * root, not the blocks it changed: then nothing kept about blocks can be trusted. (An
 * edit of the root alone looks the same; forgetting everything then costs one re-read.)
 */
export const replacedWholeState = (
  dirtyElements: ReadonlyMap<NodeKey, boolean>,
  dirtyLeaves: ReadonlySet<NodeKey>,
) => dirtyLeaves.size === 0 && dirtyElements.size === 1 && dirtyElements.has('root');

export class LiveBody {
  private readonly blocks = new Map<NodeKey, SerializedNode>();

  constructor(private readonly editor: LexicalEditor) {}

  /** Forgets the blocks an update touched (dirtyElements holds every ancestor of a changed node). */
  invalidate(dirtyElements: ReadonlyMap<NodeKey, unknown>): void {
    for (const key of dirtyElements.keys()) this.blocks.delete(key);
  }

  /** Forgets every block: after an update that replaced the whole state (undo/redo), which names no blocks. */
  reset(): void {
    this.blocks.clear();
  }

  read(): LexicalState {
    const children = this.editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .map((node) => {
          const key = node.getKey();
          let block = this.blocks.get(key);
          if (!block) {
            block = $isElementNode(node)
              ? {
                  type: node.getType(),
                  version: 1,
                  children: [{ type: 'text', version: 1, text: node.getTextContent() }],
                }
              : (node.exportJSON() as SerializedNode);
            this.blocks.set(key, block);
          }
          return block;
        }),
    );
    if (this.blocks.size > children.length * 2 + 64) {
      // Blocks deleted long ago: keep only the ones in the body now.
      const keep = new Set(children);
      for (const [key, block] of this.blocks) if (!keep.has(block)) this.blocks.delete(key);
    }
    return { version: BODY_VERSION, root: { type: 'root', version: 1, children } };
  }
}
