/**
 * One writer per data folder: a second process is refused with a message naming
 * the holder, the data stays intact, and a dead holder's lock is taken over.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DataLock, LOCK_FILE } from './data-lock';
import { DeskStore } from './desk-store';
import { exited, spawnFixture } from './fixtures/spawn-fixture';
import { makeStory, storyId, tempDataDir, versionContent } from './fixtures/test-data';

async function probeOpen(dataDir: string): Promise<{
  ok: boolean;
  count?: number;
  error?: { code: string; key: string; params: Record<string, unknown>; detail: string };
}> {
  const child = await spawnFixture('open-store', [dataDir]);
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => (out += chunk));
  await exited(child);
  return JSON.parse(out.trim());
}

describe('data folder lock', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDataDir('lock')));
  afterEach(() => cleanup());

  it('refuses a second process, naming the holder, and leaves the data intact', async () => {
    const store = await DeskStore.open({ dataDir: dir, user: 'first' });
    const story = await store.create(makeStory(storyId(1)));
    const saved = await store.save(story.id, 1, versionContent(story, 2), 'first');

    const second = await probeOpen(dir);
    expect(second.ok).toBe(false);
    expect(second.error).toMatchObject({
      code: 'locked',
      key: 'error.dataLocked',
      params: { pid: process.pid, dataDir: dir },
    });
    expect(second.error?.detail).toContain(`held by process ${process.pid}`);

    expect(await store.get(story.id)).toEqual(saved);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();

    // Once released, the other process opens the folder and finds the story.
    expect(await probeOpen(dir)).toEqual({ ok: true, count: 1 });
  });

  it('refuses a second open in the same process', async () => {
    const store = await DeskStore.open({ dataDir: dir, user: 'first' });
    await expect(DeskStore.open({ dataDir: dir, user: 'again' })).rejects.toMatchObject({ code: 'locked' });
    await store.close();
  });

  it('takes over the lock of a dead process', async () => {
    const child = await spawnFixture('open-store', [join(dir, 'unused')]);
    const deadPid = child.pid!;
    await exited(child);
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid, hostname: hostname(), startedAt: new Date().toISOString() }),
    );
    const lock = await DataLock.acquire(dir);
    expect(lock.info.pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over an empty lock file left by a crash during its creation', async () => {
    await writeFile(join(dir, LOCK_FILE), '');
    const old = new Date(Date.now() - 60_000);
    const { utimes } = await import('node:fs/promises');
    await utimes(join(dir, LOCK_FILE), old, old);
    const lock = await DataLock.acquire(dir);
    await lock.release();
  });
});
