import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { DamagedFileError, DurableJsonFile, writeFileDurable } from './durable-file';
import { tempDataDir } from './fixtures/test-data';

const DocSchema = z.object({ title: z.string(), count: z.number().int() });

describe('durable JSON file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDataDir('durable')));
  afterEach(() => cleanup());

  it('round-trips a document through lowdb and leaves no temp file', async () => {
    const path = join(dir, 'doc.json');
    const db = new Low(new DurableJsonFile(path, DocSchema), { title: '', count: 0 });
    db.data = { title: '党建引领', count: 3 };
    await db.write();
    const again = new Low(new DurableJsonFile(path, DocSchema), { title: '', count: 0 });
    await again.read();
    expect(again.data).toEqual({ title: '党建引领', count: 3 });
    expect(await readdir(dir)).toEqual(['doc.json']);
  });

  it('reads a missing file as null', async () => {
    expect(await new DurableJsonFile(join(dir, 'none.json'), DocSchema).read()).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"title":"党建","cou'],
    ['random bytes', '\u0000\u00ff\u0013garbage'],
    ['wrong shape', '{"title":1}'],
  ])('refuses a damaged file (%s) with DamagedFileError, never null', async (_label, text) => {
    const path = join(dir, 'doc.json');
    await writeFile(path, text);
    const error = await new DurableJsonFile(path, DocSchema).read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DamagedFileError);
    expect((error as DamagedFileError).path).toBe(path);
    expect((error as DamagedFileError).code).toBe('damaged');
    expect(await readFile(path, 'utf8')).toBe(text); // left untouched
  });

  it('replaces bytes atomically, concurrent writers included', async () => {
    const path = join(dir, 'blob.bin');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileDurable(path, `version ${i}`)));
    expect(await readFile(path, 'utf8')).toMatch(/^version \d+$/);
    expect(await readdir(dir)).toEqual(['blob.bin']);
  });
});
