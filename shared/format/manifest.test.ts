// manifest.json: the schema in resources/schemas is the zod schema's JSON Schema (kept
// equal by this test), and a manifest passes both; broken ones fail both.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { ManifestSchema, manifestJsonSchema, writeManifest, type Manifest } from './manifest';
import { validateJson } from './testing/json-schema-check';

const SCHEMA_FILE = fileURLToPath(new URL('../../resources/schemas/manifest.schema.json', import.meta.url));
const schemaFile = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

const counts = { han: 10, wordStyle: 12, nonSpace: 12 };
export const SAMPLE: Manifest = {
  manifestVersion: 1,
  generator: '党建采编台 0.1.0',
  page: 'B6',
  date: '2026-11-22',
  edition: '党建周刊',
  exportedAt: '2026-11-22T08:00:00.000Z',
  exportedBy: '值班编辑',
  styles: { paragraph: ['正文'], character: ['电头'] },
  stories: [
    {
      order: 1,
      role: 'lead',
      id: 'story-000001',
      rev: 3,
      status: 'approved',
      kind: '消息',
      folder: 'stories/01-石堰村',
      kicker: '',
      headline: '石堰村',
      subheadline: '',
      dateline: '本报讯',
      byline: '本报讯（记者 罗文清）',
      region: { code: '520113', path: ['贵州省', '贵阳市', '白云区'] },
      counts: { head: counts, body: counts, captions: counts, total: counts },
      budget: 900,
      signatures: [{ who: '张编辑', level: '初审', rev: 3 }],
      jumps: [{ direction: 'to', page: 'B7', text: '（下转B7版）', linkedStory: null }],
      files: {
        head: 'stories/01-石堰村/head.icml',
        body: 'stories/01-石堰村/body.icml',
        figures: null,
        captions: ['stories/01-石堰村/caption-1.icml'],
        docx: 'stories/01-石堰村/story.docx',
        text: 'stories/01-石堰村/story.txt',
      },
      photos: [
        {
          id: 'photo-1',
          order: 1,
          file: 'images/01-石堰村-1.jpg',
          caption: '图为……',
          credit: '罗文清 摄',
          icml: 'stories/01-石堰村/caption-1.icml',
          bytes: 1234,
          sha256: 'a'.repeat(64),
        },
      ],
    },
  ],
  proof: 'proof.pdf',
  preflight: 'preflight.json',
  override: null,
};

describe('manifest', () => {
  it('resources/schemas/manifest.schema.json is the JSON Schema of ManifestSchema', () => {
    // When this fails after a change to manifest.ts, regenerate the file from manifestJsonSchema().
    expect(schemaFile).toEqual(JSON.parse(JSON.stringify(manifestJsonSchema())));
  });

  it('a manifest passes zod and the JSON Schema, and writes as indented JSON', () => {
    expect(validateJson(schemaFile, SAMPLE)).toEqual([]);
    const text = writeManifest(SAMPLE);
    expect(JSON.parse(text)).toEqual(SAMPLE);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it.each([
    ['a bad page name', { ...SAMPLE, page: 'b6' }],
    ['an unknown role', { ...SAMPLE, stories: [{ ...SAMPLE.stories[0]!, role: 'hero' }] }],
    ['a missing headline', { ...SAMPLE, stories: [{ ...SAMPLE.stories[0]!, headline: undefined }] }],
    ['an extra property', { ...SAMPLE, extra: 1 }],
  ])('rejects %s in both', (_name, broken) => {
    expect(validateJson(schemaFile, JSON.parse(JSON.stringify(broken)))).not.toEqual([]);
    expect(ManifestSchema.safeParse(broken).success).toBe(false);
  });
});
