/** Full-text search over the archive (issue 8). */
export { ArchiveSearchIndex, type SearchDoc, type SearchHit } from './search-index';
export { archiveIdParts, archiveStoryId } from './archive-id';
export type { ArchivedStoryView, ArchivedSummary } from './types';
