/**
 * A photo in the body: a block DecoratorNode of type 'photo' that stores only
 * the photo's id; the view (PhotoView) reads the image, caption and credit from
 * the story's photos list, so editing a caption in the sidebar updates the body.
 */
import {
  DecoratorNode,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { JSX } from 'react';

import { PhotoView } from './PhotoView';

export type SerializedPhotoNode = Spread<{ photoId: string }, SerializedLexicalNode>;

export class PhotoNode extends DecoratorNode<JSX.Element> {
  __photoId: string;

  static override getType(): string {
    return 'photo';
  }

  static override clone(node: PhotoNode): PhotoNode {
    return new PhotoNode(node.__photoId, node.__key);
  }

  static override importJSON(json: SerializedPhotoNode): PhotoNode {
    return $createPhotoNode(json.photoId).updateFromJSON(json);
  }

  constructor(photoId = '', key?: NodeKey) {
    super(key);
    this.__photoId = photoId;
  }

  override exportJSON(): SerializedPhotoNode {
    return { ...super.exportJSON(), type: 'photo', version: 1, photoId: this.getPhotoId() };
  }

  getPhotoId(): string {
    return this.getLatest().__photoId;
  }

  /** Shows another photo of the story in this place (the panel reordered the photos). */
  setPhotoId(photoId: string): this {
    const self = this.getWritable();
    self.__photoId = photoId;
    return self;
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const element = document.createElement('div');
    element.className = 'body-photo';
    element.contentEditable = 'false';
    return element;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override decorate(): JSX.Element {
    return <PhotoView photoId={this.__photoId} nodeKey={this.getKey()} />;
  }
}

export function $createPhotoNode(photoId: string): PhotoNode {
  return new PhotoNode(photoId);
}

export function $isPhotoNode(node: LexicalNode | null | undefined): node is PhotoNode {
  return node instanceof PhotoNode;
}
