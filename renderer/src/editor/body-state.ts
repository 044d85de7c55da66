/**
 * The stored body is `{ version: 1, root }` (shared/model/body.ts); Lexical's own
 * serialized state is `{ root }`. These two functions are the only place that
 * converts between them.
 */
import type { SerializedEditorState } from 'lexical';

import { BODY_VERSION, type LexicalState } from '../../../shared/model';

/** The stored body as the JSON string LexicalComposer's initialConfig.editorState accepts. */
export function bodyToEditorJSON(body: LexicalState): string {
  return JSON.stringify({ root: body.root });
}

/** The editor's state as the story stores it. */
export function editorJSONToBody(state: SerializedEditorState): LexicalState {
  return { version: BODY_VERSION, root: state.root as unknown as LexicalState['root'] };
}
