/**
 * The desk API contract: every operation the UI can ask of the desk services,
 * with a runtime schema for its input and the type of its output. The Electron
 * IPC binding, the loopback HTTP host and the renderer's client are all derived
 * from this one map, so a method one side forgot is a compile error.
 */
import { z } from 'zod';

import {
  PageNameSchema,
  PrefsSchema,
  StoryContentSchema,
  StoryIdSchema,
  StoryQuerySchema,
  type Prefs,
  type Story,
  type StorySummary,
} from '../model';
import type { RegionInfo, RegionMatch } from '../geo/regions';
import { TermsSaveSchema, type TermBank } from '../checks/wording/term-bank';
import { reviewContract } from '../review/review-contract';
import { importContract } from '../import/import-contract';
import { newsroomContract } from './newsroom-contract';
import { checkoutContract } from './checkout-contract';
import { photosContract } from './photos-contract';
import { archiveSyncContract } from './archive-sync-contract';
import type { Finding } from '../checks/finding';
import {
  PageDateSchema,
  PageExportRecordSchema,
  PagePlanContentSchema,
  PagePublishRecordSchema,
  type PageExportProgress,
  type PageExportResult,
  type PageListItem,
  type PagePlan,
  type PagePublishResult,
  type PreflightReport,
} from '../model/page';
import type { AppInfo, Notice, PageContext, StoredPhoto } from './types';

type Method<I extends z.ZodType, O> = { input: I; output?: O };
function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input });
}

const byId = z.object({ id: StoryIdSchema });
const pageRef = z.object({ name: PageNameSchema, date: PageDateSchema });

export const deskContract = {
  /** Version, data folder, transport and the data sets' dates for the About box. */
  'app.info': method<AppInfo>()(z.object({})),
  /** Messages for the user from the storage layer: recovered files, moved-aside damage. */
  'notices.list': method<Notice[]>()(z.object({})),
  'notices.dismiss': method<void>()(z.object({ id: z.string().max(64) })),

  'prefs.get': method<Prefs>()(z.object({})),
  'prefs.set': method<Prefs>()(z.object({ patch: PrefsSchema.partial() })),

  'stories.list': method<{ total: number; items: StorySummary[] }>()(StoryQuerySchema),
  'stories.get': method<Story>()(byId),
  'stories.create': method<Story>()(z.object({ page: z.string().max(8).nullable().optional() })),
  /** Saves content over revision baseRev; a stale baseRev is refused (never a lost update). */
  'stories.save': method<Story>()(
    z.object({ id: StoryIdSchema, baseRev: z.number().int().min(1), content: StoryContentSchema }),
  ),
  'stories.duplicate': method<Story>()(byId),
  'stories.trash': method<StorySummary>()(byId),
  'stories.restore': method<StorySummary>()(byId),
  'stories.purge': method<void>()(byId),

  /** GB/T 2260 divisions by name, short form, pinyin initials or code prefix, best first, each with its path. */
  'regions.search': method<RegionMatch[]>()(
    z.object({ query: z.string().max(40), limit: z.number().int().min(1).max(50).optional() }),
  ),
  /** Where the region list comes from and how recent it is (for the About box). */
  'regions.info': method<RegionInfo>()(z.object({})),

  /** The paper's term bank (official wording, domain §4): entries, version and change log. */
  'terms.get': method<TermBank>()(z.object({})),
  /** Replaces the bank's entries (each validated), bumps its version and logs who, when and the note. */
  'terms.save': method<TermBank>()(TermsSaveSchema),

  /**
   * The other live stories on this story's page, so the editor runs the cross-story
   * duplicate check and the page rules itself (issue 4, 5). Fetched when a story opens
   * and after each save.
   */
  'checks.pageContext': method<PageContext>()(byId),
  /**
   * A draft against the data folder's archive of published stories: duplicate.archive
   * findings naming the archived story and its date; none when there is no archive.
   * `id`: the draft's own story, never its own twin once published.
   */
  'checks.archive': method<Finding[]>()(
    z.object({
      id: StoryIdSchema.optional(),
      content: StoryContentSchema.pick({
        kicker: true,
        headline: true,
        subheadline: true,
        body: true,
        photos: true,
      }),
    }),
  ),

  /** Copies a photo into the data folder, unmodified; returns its stored name. */
  'photos.import': method<StoredPhoto>()(
    z.object({
      name: z.string().min(1).max(255),
      /** Base64 of the file's bytes (at most 40 MB decoded). */
      data: z.string().max(56_000_000),
    }),
  ),

  /** Page plans (issue 7): every page, newest date first. */
  'pages.list': method<PageListItem[]>()(z.object({})),
  'pages.get': method<PagePlan>()(pageRef),
  /**
   * Creates (baseRev null) or replaces a plan; a stale baseRev is refused. `record`: on the
   * newsroom server only, the export or publication a signed-in desk did of that revision
   * (its page service sends it after pages.export / pages.publish; a desk never passes a
   * window's own `record` on).
   */
  'pages.save': method<PagePlan>()(
    z.object({
      baseRev: z.number().int().min(1).nullable(),
      content: PagePlanContentSchema,
      record: z
        .union([
          z
            .object({
              exported: PageExportRecordSchema,
              /** For the audit: files written, open errors overridden and their rules. */
              files: z.number().int().min(0).max(10_000).optional(),
              openErrors: z.number().int().min(0).max(100_000).optional(),
              rules: z.array(z.string().max(80)).max(200).optional(),
            })
            .strict(),
          z
            .object({
              published: PagePublishRecordSchema,
              /** For the audit: stories this publication added to the desk's archive. */
              added: z.number().int().min(0).max(40).optional(),
            })
            .strict(),
        ])
        .optional(),
    }),
  ),
  /** Every finding of every family across the page's stories, archive included, page rules, error rate, blocks. */
  'pages.preflight': method<PreflightReport<Finding>>()(pageRef),
  /**
   * Writes the layout package (ICML, DOCX, text, images, manifest, proof.pdf, preflight.json)
   * into `out`, a folder inside the data folder's exports/ (the default; any other folder is
   * refused, issue 16). Refused while errors are open unless
   * `force` with a `reason` (an editor's override, recorded); never for unapproved stories.
   */
  'pages.export': method<PageExportResult>()(
    pageRef.extend({
      out: z.string().min(1).max(1000).optional(),
      force: z.boolean().optional(),
      reason: z.string().max(500).optional(),
      zip: z.boolean().optional(),
    }),
  ),
  /** The steps of the page's running (or last) export, for a progress display while pages.export runs. */
  'pages.exportProgress': method<PageExportProgress>()(pageRef),
  /**
   * Opens an export package folder in the file manager (the app only; elsewhere `opened` is
   * false and the UI shows the path). Refused for any folder outside the data folder's
   * exports/ and the folders this desk exported to.
   */
  'pages.openFolder': method<{ opened: boolean; folder: string }>()(
    z.object({ folder: z.string().min(1).max(1000) }),
  ),
  /**
   * Publishes an exported page (an editor only): its stories go into the archive and the
   * duplicate index and to layout (laid-out), recorded in the audit trail. Idempotent.
   */
  'pages.publish': method<PagePublishResult>()(pageRef),

  /** Review and sign-off (三审), comments, locks, history, audit: shared/review/review-contract.ts. */
  ...reviewContract,

  /** Import of stories and past pages, and the archive (issue 8): shared/import/import-contract.ts. */
  ...importContract,

  /** The desktop's connection to the newsroom server (issue 17): shared/api/newsroom-contract.ts. */
  ...newsroomContract,

  /** Check-out, check-in, take-over and conflicts (issue 18): shared/api/checkout-contract.ts. */
  ...checkoutContract,

  /** Photos by content hash on the newsroom (issue 17, 18): shared/api/photos-contract.ts. */
  ...photosContract,
  /** The newsroom's archive, put and pulled by each desk (issue 17): shared/api/archive-sync-contract.ts. */
  ...archiveSyncContract,
} as const;

export type DeskContract = typeof deskContract;
export type DeskMethod = keyof DeskContract;
export type DeskInput<M extends DeskMethod> = z.input<DeskContract[M]['input']>;
export type DeskParsedInput<M extends DeskMethod> = z.output<DeskContract[M]['input']>;
export type DeskOutput<M extends DeskMethod> = DeskContract[M] extends Method<z.ZodType, infer O> ? O : never;

/** The API as the renderer calls it: one async function per contract entry. */
export type DeskApi = { [M in DeskMethod]: (input: DeskInput<M>) => Promise<DeskOutput<M>> };

/** The services as the transports call them, with validated input. */
export type DeskHandlers = { [M in DeskMethod]: (input: DeskParsedInput<M>) => Promise<DeskOutput<M>> };

export const DESK_METHODS = Object.keys(deskContract) as DeskMethod[];

export function isDeskMethod(name: string): name is DeskMethod {
  return Object.prototype.hasOwnProperty.call(deskContract, name);
}
