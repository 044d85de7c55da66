/** The duplicate check (issue 4): within a story, across a page, against the archive. */
export { checkPage, checkStory } from './check-page';
export { checkAgainstArchive, type ArchiveCheckOptions } from './check-archive';
export {
  ArchiveIndex,
  ARCHIVE_INDEX_FORMAT,
  DEFAULT_ARCHIVE_PARAMS,
  StaleArchiveIndexError,
  archiveText,
  type ArchiveEntry,
  type ArchiveParams,
  type ArchiveRun,
  type ArchivedStory,
} from './archive-index';
export { DUPLICATE_RULES, type DuplicateRule } from './messages';
export {
  DEFAULT_DUPLICATE_SETTINGS,
  DuplicateSettingsSchema,
  duplicateSettings,
  type DuplicateSettings,
} from './settings';
export { DEFAULT_STOPLIST } from './stoplist';
export { type CheckedStory } from './text-blocks';
