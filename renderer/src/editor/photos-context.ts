import { createContext, useContext } from 'react';

import type { Photo } from '../../../shared/model';

/**
 * The story's photos, for PhotoNode's view: the body holds only a photoId, the
 * image file, caption and credit live in the story's photos list.
 */
export const PhotosContext = createContext<readonly Photo[]>([]);

export function usePhoto(photoId: string): Photo | undefined {
  return useContext(PhotosContext).find((p) => p.id === photoId);
}
