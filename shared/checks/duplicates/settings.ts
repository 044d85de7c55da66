/**
 * Thresholds of the duplicate check (issue 4: "thresholds have these defaults and are
 * settings the paper can change"). Lengths count NORMALISED characters (see
 * shared/text/normalize.ts: punctuation, spaces and line breaks do not count). The
 * harmless-repeat rules (harmless.ts) decide whether a run is harmless, never how long
 * it is: a run counts at its full length unless at most `harmlessMaxChars` of its
 * characters lie outside quoted names, stoplist phrases, formulas and echoes.
 */
import { z } from 'zod';

export const DuplicateSettingsSchema = z.object({
  /** A run repeated between two paragraphs of one story: error from this length… */
  runError: z.number().int().min(8).max(1000),
  /** …warning from this length (below it: never reported; this is the noise threshold). */
  runWarning: z.number().int().min(8).max(1000),
  /** A run shared by two stories of one page: warning from this length. */
  crossStory: z.number().int().min(8).max(1000),
  /** A run shared with an archived story: warning from this length (the archive index guarantees it). */
  archive: z.number().int().min(8).max(1000),
  /** A paragraph is "repeated whole or nearly whole" when one copy covers this share of it. */
  paragraphCoverage: z.number().min(0.5).max(1),
  /** Blocks shorter than this are never paragraph duplicates ("（完）", jump lines). */
  paragraphMinChars: z.number().int().min(1).max(1000),
  /** Near-duplicate paragraphs: similarity (LCS / longer length) from this value. */
  nearSimilarity: z.number().min(0.5).max(1),
  /** Near-duplicates are looked for between blocks of at least this length. */
  nearMinChars: z.number().int().min(8).max(1000),
  /** A quoted “…” or 《…》 span up to this length, without a sentence end inside, is a name or slogan. */
  quoteMaxChars: z.number().int().min(0).max(200),
  /** Body text sharing a run this long with the story's headline (or a caption with a subhead) is an echo. */
  echoMinChars: z.number().int().min(2).max(50),
  /**
   * A shared run is a harmless repeat (a slogan or a set phrase recurring, with a word or two
   * around it) when at most this many of its characters lie outside what the harmless rules cover.
   */
  harmlessMaxChars: z.number().int().min(0).max(100),
  /** The paper's own phrases to add to the built-in stoplist (stoplist.ts). */
  stoplist: z.array(z.string().min(2).max(100)).max(5000),
});
export type DuplicateSettings = z.infer<typeof DuplicateSettingsSchema>;

export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = Object.freeze({
  runError: 30,
  runWarning: 20,
  crossStory: 20,
  archive: 30,
  paragraphCoverage: 0.9,
  paragraphMinChars: 10,
  nearSimilarity: 0.8,
  nearMinChars: 20,
  quoteMaxChars: 24,
  echoMinChars: 4,
  harmlessMaxChars: 8,
  stoplist: [],
});

/** Defaults overridden by whatever the caller sets. */
export function duplicateSettings(partial: Partial<DuplicateSettings> = {}): DuplicateSettings {
  return DuplicateSettingsSchema.parse({ ...DEFAULT_DUPLICATE_SETTINGS, ...partial });
}
