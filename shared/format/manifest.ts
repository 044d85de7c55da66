/**
 * manifest.json of a page package: what the layout desk (and its scripts) read first.
 * The zod schema is the definition; resources/schemas/manifest.schema.json is the same
 * schema as JSON Schema for tools outside this codebase (generated from this one, and a
 * test keeps the two equal).
 */
import { z } from 'zod';

export const MANIFEST_VERSION = 1;

const Counts = z.strictObject({
  han: z.number().int().min(0),
  wordStyle: z.number().int().min(0),
  nonSpace: z.number().int().min(0),
});

export const ManifestSignatureSchema = z.strictObject({
  who: z.string(),
  level: z.string(),
  rev: z.number().int().min(1),
  at: z.string().optional(),
});
export type ManifestSignature = z.infer<typeof ManifestSignatureSchema>;

export const ManifestPhotoSchema = z.strictObject({
  id: z.string(),
  order: z.number().int().min(1),
  /** Path inside the package: images/01-…-1.jpg. */
  file: z.string(),
  caption: z.string(),
  credit: z.string(),
  /** The caption's ICML inside the package. */
  icml: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
});

export const ManifestJumpSchema = z.strictObject({
  direction: z.enum(['from', 'to']),
  page: z.string(),
  /** As printed: （下转B7版）. */
  text: z.string(),
  /** The story it continues on / from, when the page plan links it. */
  linkedStory: z.string().nullable(),
});

export const ManifestStorySchema = z.strictObject({
  order: z.number().int().min(1),
  role: z.enum(['lead', 'secondary', 'brief', 'photo', 'box']),
  id: z.string(),
  rev: z.number().int().min(1),
  status: z.string(),
  kind: z.string(),
  /** Folder inside the package: stories/01-<slug>. */
  folder: z.string(),
  kicker: z.string(),
  headline: z.string(),
  subheadline: z.string(),
  dateline: z.string(),
  byline: z.string(),
  region: z.strictObject({ code: z.string(), path: z.array(z.string()) }).nullable(),
  counts: z.strictObject({ head: Counts, body: Counts, captions: Counts, total: Counts }),
  budget: z.number().int().min(0).nullable(),
  signatures: z.array(ManifestSignatureSchema),
  jumps: z.array(ManifestJumpSchema),
  files: z.strictObject({
    head: z.string(),
    body: z.string(),
    figures: z.string().nullable(),
    captions: z.array(z.string()),
    docx: z.string(),
    text: z.string(),
  }),
  photos: z.array(ManifestPhotoSchema),
});
export type ManifestStory = z.infer<typeof ManifestStorySchema>;

export const ManifestSchema = z.strictObject({
  manifestVersion: z.literal(MANIFEST_VERSION),
  generator: z.string(),
  page: z.string().regex(/^[A-Z]\d{1,2}$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  edition: z.string(),
  exportedAt: z.string(),
  exportedBy: z.string(),
  styles: z.strictObject({ paragraph: z.array(z.string()), character: z.array(z.string()) }),
  stories: z.array(ManifestStorySchema),
  proof: z.string().nullable(),
  preflight: z.string(),
  /** Set when the export went ahead over open errors. */
  override: z
    .strictObject({ by: z.string(), reason: z.string(), at: z.string(), openErrors: z.number().int() })
    .nullable(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The JSON Schema of the manifest, as stored in resources/schemas/manifest.schema.json. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ManifestSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://dangjian-desk.invalid/schemas/manifest.schema.json',
    title: '党建采编台 page package manifest',
    ...schema,
  };
}

/** manifest.json's text: validated, two-space indented, final newline. */
export function writeManifest(manifest: Manifest): string {
  return `${JSON.stringify(ManifestSchema.parse(manifest), null, 2)}\n`;
}
