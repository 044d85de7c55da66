/**
 * Every node the body editor knows, in one list (docs/style.md §2). The stored
 * body uses these types: paragraph (core), heading (小标题, h3), quote, photo.
 */
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';

import { PhotoNode } from './nodes/PhotoNode';

export const editorNodes: ReadonlyArray<Klass<LexicalNode>> = [HeadingNode, QuoteNode, PhotoNode];
