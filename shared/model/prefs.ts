import { z } from 'zod';

import { STORY_STATUSES } from './story';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const STORY_SORTS = ['updated-desc', 'updated-asc', 'headline', 'page-slot', 'status'] as const;
export type StorySort = (typeof STORY_SORTS)[number];

/** The list's query: what a person typed and picked above the story list. */
export const StoryQuerySchema = z.object({
  text: z.string().max(200).default(''),
  status: z.enum(STORY_STATUSES).nullable().default(null),
  page: z.string().max(8).nullable().default(null),
  sort: z.enum(STORY_SORTS).default('updated-desc'),
  trash: z.boolean().default(false),
});
export type StoryQuery = z.infer<typeof StoryQuerySchema>;

/** The desk's three screens: stories (write and review), pages (plan, preflight, export), archive. */
export const DESK_VIEWS = ['stories', 'pages', 'archive'] as const;
export type DeskView = (typeof DESK_VIEWS)[number];

/** Per-data-folder UI state, so a restart shows everything as it was left. */
export const PrefsSchema = z.object({
  locale: z.enum(LOCALES).default('zh-CN'),
  openStoryId: z.string().max(64).nullable().default(null),
  query: StoryQuerySchema.default(StoryQuerySchema.parse({})),
  userName: z.string().max(80).default(''),
  view: z.enum(DESK_VIEWS).default('stories'),
});
export type Prefs = z.infer<typeof PrefsSchema>;
