/** Full-text search over the archive (issue 8). */
export {
  ArchiveSearchIndex,
  SEARCH_INDEX_FORMAT,
  StaleSearchIndexError,
  type SearchDoc,
  type SearchDocMeta,
  type SearchHit,
} from './search-index';
export { archiveIdParts, archiveStoryId } from './archive-id';
export type { ArchivedStoryView, ArchivedSummary } from './types';
