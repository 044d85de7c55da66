/**
 * A page plan (issue 7): which stories fill page B6 of 2026-11-22, in slot order, each
 * slot with its role and character budget, and the jump lines linked across pages.
 * Stored as one document per page (pages/B6-2026-11-22.json), validated at every boundary.
 */
import { z } from 'zod';

import { PageNameSchema, StoryIdSchema } from './story';

export const SLOT_ROLES = ['lead', 'secondary', 'brief', 'photo', 'box'] as const;
export type SlotRole = (typeof SLOT_ROLES)[number];

export const PageDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

export const PageSlotSchema = z.object({
  role: z.enum(SLOT_ROLES),
  /** The story placed here; null for a slot still empty. */
  storyId: StoryIdSchema.nullable(),
  /** Character budget (Word-style 字数 of body and captions, as the length rules count); null: none. */
  budget: z.number().int().min(0).max(100_000).nullable(),
});
export type PageSlot = z.infer<typeof PageSlotSchema>;

/** A jump line of a story on this page linked to the story that continues it on another page. */
export const PageJumpLinkSchema = z.object({
  storyId: StoryIdSchema,
  /** 'to': 下转 (continued on `page`), 'from': 上接 (continued from `page`). */
  direction: z.enum(['from', 'to']),
  page: PageNameSchema,
  /** The story on the other page, when known. */
  targetStoryId: StoryIdSchema.nullable(),
});
export type PageJumpLink = z.infer<typeof PageJumpLinkSchema>;

/** What a save carries. */
export const PagePlanContentSchema = z.object({
  name: PageNameSchema,
  date: PageDateSchema,
  /** The edition or section line printed on the page ("党建周刊"). */
  edition: z.string().max(60),
  slots: z.array(PageSlotSchema).max(40),
  jumps: z.array(PageJumpLinkSchema).max(80),
});
export type PagePlanContent = z.infer<typeof PagePlanContentSchema>;

/** The last export of a page (set by pages.export; pages.publish needs one). */
export const PageExportRecordSchema = z.object({
  at: z.string(),
  by: z.string().max(80),
  folder: z.string().max(1000),
  /** The override reason when the page left over open errors; null without one. */
  overrideReason: z.string().max(500).nullable(),
});
export type PageExportRecord = z.infer<typeof PageExportRecordSchema>;

/** The publication of a page (pages.publish): its stories went into the archive. */
export const PagePublishRecordSchema = z.object({
  at: z.string(),
  by: z.string().max(80),
  /** The archive ids of the page's stories ("2026-11-22/B6/<story id>"). */
  archiveIds: z.array(z.string().max(200)).max(40),
});
export type PagePublishRecord = z.infer<typeof PagePublishRecordSchema>;

export const PagePlanSchema = PagePlanContentSchema.extend({
  schema: z.literal(1),
  rev: z.number().int().min(1),
  updatedAt: z.string(),
  updatedBy: z.string().max(80),
  /** Kept across saves of the plan's content; absent on plans never exported. */
  exported: PageExportRecordSchema.nullable().optional(),
  published: PagePublishRecordSchema.nullable().optional(),
});
export type PagePlan = z.infer<typeof PagePlanSchema>;

/** The key and file stem of a page plan: "B6-2026-11-22". */
export function pageKey(name: string, date: string): string {
  return `${name}-${date}`;
}

/** Default budgets by role (字数), a starting point an editor changes per page. */
export const DEFAULT_BUDGETS: Record<SlotRole, number | null> = {
  lead: 1500,
  secondary: 1000,
  brief: 500,
  photo: 300,
  box: 300,
};

/** The slots a new page starts with (the 版面 screen's 新建版面 and `desk page plan`): roles in order. */
export const STARTING_SLOTS: readonly SlotRole[] = [
  'lead',
  'secondary',
  'secondary',
  'brief',
  'photo',
  'box',
];

/** The slot a plan grows by when it needs one more (the plan's 添加版位). */
export const ADDED_SLOT_ROLE: SlotRole = 'brief';

/** The edition line a new page starts with. */
export const DEFAULT_EDITION = '党建周刊';

/** The starting slots, empty, each with its role's default budget. */
export function startingSlots(): PageSlot[] {
  return STARTING_SLOTS.map((role) => ({ role, storyId: null, budget: DEFAULT_BUDGETS[role] }));
}

/** One story of a page as the preflight saw it. */
export type PreflightStory = {
  /** 1-based position in the plan. */
  slot: number;
  role: SlotRole;
  storyId: string | null;
  headline: string;
  status: string | null;
  rev: number | null;
  /** Word-style 字数 of body and captions (what the budget is compared with). */
  count: number;
  budget: number | null;
  signatures: Array<{ who: string; level: string; rev: number; at?: string }>;
};

/** A finding an editor chose to leave, with the reason recorded on the story. */
export type PreflightIgnored<F> = { finding: F; reason: string; by: string };

/**
 * The preflight report of a page (issue 7): every open finding of every family across its
 * stories (duplicates across the page and against the archive included), the page's own
 * rules (page.*), the error rate per 10,000 characters, and whether export is blocked.
 * `F` is shared/checks' Finding (kept generic so model/ does not import checks/).
 */
export type PreflightReport<F> = {
  page: string;
  date: string;
  edition: string;
  checkedAt: string;
  stories: PreflightStory[];
  findings: F[];
  ignored: Array<PreflightIgnored<F>>;
  totals: { errors: number; warnings: number; infos: number; characters: number };
  /**
   * The open findings about the page's workflow and plan (page.*: a story not approved, a
   * signature missing, an empty slot, a story filed for another page, more stories than
   * slots), counted apart: they are in `findings` and gate the export, never in `errorRate`.
   */
  workflow: { errors: number; warnings: number; infos: number };
  /** Copy errors in the text per 10,000 characters (workflow findings never counted). */
  errorRate: { errors: number; weighted: number; characters: number; perTenThousand: number; pass: boolean };
  /** Reasons export cannot go ahead even with an override (story missing, not approved). */
  hardBlocks: string[];
  /** Open errors: export needs an override with a reason while there are any. */
  openErrors: number;
};

/** A page in the list of plans (pages.list). */
export type PageListItem = {
  name: string;
  date: string;
  edition: string;
  slots: number;
  filled: number;
  rev: number;
  updatedAt: string;
  /** When the page was last exported and published, if ever. */
  exportedAt: string | null;
  publishedAt: string | null;
};

/** An export as it runs (pages.exportProgress, polled by the UI while pages.export is pending). */
export type PageExportProgress = {
  running: boolean;
  /** ISO time the running (or last) export of this page started; null: none since the desk started. */
  startedAt: string | null;
  /** The steps done so far ("preflight", "story 01" … "proof.pdf", "manifest.json", "package"). */
  steps: Array<{ step: string; done: number; total: number }>;
};

/** What pages.publish reports back. */
export type PagePublishResult = {
  published: PagePublishRecord;
  /** Stories added to the archive by this call (0 when the page was already published). */
  added: number;
  already: boolean;
};

/** What pages.export reports back. */
export type PageExportResult = {
  /** The package folder written. */
  folder: string;
  zip: string | null;
  /** Paths inside the package. */
  files: string[];
  override: { by: string; reason: string; at: string; openErrors: number } | null;
  /** The steps as they were done (the UI shows them). */
  progress: Array<{ step: string; done: number; total: number }>;
  ms: number;
};
