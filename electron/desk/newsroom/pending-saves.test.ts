/**
 * The outbox of saves that did not reach the newsroom (pending-saves.ts): kept durably, one per
 * story, read back after a restart, removed only once delivered, never dropped when refused,
 * and a damaged file left as it is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { DeskError } from '../../../shared/api';
import { contentOf, newStory, type Story } from '../../../shared/model';
import { PendingSaves, pendingDirOf } from './pending-saves';

const ID = 'a1b2c3d4-0000-4000-8000-000000000001';
const OTHER = 'a1b2c3d4-0000-4000-8000-000000000002';
const who = { personId: 'lin', server: 'http://127.0.0.1:1/' };

function story(id: string, rev: number, headline: string): Story {
  return { ...newStory(id, '2026-12-07T08:00:00.000Z', '林记者', { headline }), rev };
}

const dirs: string[] = [];
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'desk-pending-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const conflict = () =>
  new DeskError('conflict', 'error.conflict', { id: ID }, 'the story was saved by someone else meanwhile');
const gone = () => new DeskError('internal', 'error.newsroomUnreachable', {}, 'no answer');

describe('PendingSaves', () => {
  it('keeps the latest save per story on disk and reads it back after a restart', async () => {
    const dir = dataDir();
    const saves = await PendingSaves.open(dir);
    const base = contentOf(story(ID, 3, ''));
    await saves.keep({ id: ID, baseRev: 3, content: { ...base, headline: '第一次' }, at: 'a', ...who });
    await saves.keep({ id: ID, baseRev: 3, content: { ...base, headline: '第二次' }, at: 'b', ...who });
    expect(await readdir(pendingDirOf(dir))).toEqual([`${ID}.json`]);
    const again = await PendingSaves.open(dir);
    expect(again.list()).toEqual([{ storyId: ID, headline: '第二次', baseRev: 3, at: 'b', refused: null }]);
  });

  it('stops at a save that does not reach the server, and removes one only once delivered', async () => {
    const dir = dataDir();
    const saves = await PendingSaves.open(dir);
    const base = contentOf(story(ID, 3, ''));
    await saves.keep({ id: ID, baseRev: 3, content: { ...base, headline: '送出' }, at: 'a', ...who });
    const judge = (err: unknown) =>
      err instanceof DeskError && err.key === 'error.newsroomUnreachable'
        ? ('lost' as const)
        : err instanceof DeskError && err.code === 'locked'
          ? ('later' as const)
          : ('refused' as const);
    await expect(saves.flush(who, () => Promise.reject(gone()), judge)).rejects.toThrow('no answer');
    expect(saves.size).toBe(1);
    // Locked by another session: it waits, and is tried again on the next run.
    const locked = new DeskError('locked', 'error.lockedBy', { id: ID, name: '别人' }, 'locked');
    expect(await saves.flush(who, () => Promise.reject(locked), judge)).toEqual({
      delivered: [],
      waiting: 1,
    });
    expect(saves.size).toBe(1);

    const sent: number[] = [];
    const delivered = await saves.flush(
      who,
      async (e) => {
        sent.push(e.baseRev);
        return { ...story(ID, 4, e.content.headline) };
      },
      judge,
    );
    expect(sent).toEqual([3]);
    expect(delivered.waiting).toBe(0);
    expect(delivered.delivered.map((s) => s.rev)).toEqual([4]);
    expect(await readdir(pendingDirOf(dir))).toEqual([]);
    // The window still on revision 3: the same text is the stored story, another text continues on 4.
    expect(saves.continuation(ID, 3, { ...base, headline: '送出' })).toMatchObject({ same: true });
    expect(saves.continuation(ID, 3, { ...base, headline: '送出，再改' })).toEqual({
      same: false,
      baseRev: 4,
    });
    expect(saves.continuation(ID, 4, base)).toBeNull();
  });

  it('keeps a save the server refuses, with the refusal, and sends only the person’s own', async () => {
    const dir = dataDir();
    const saves = await PendingSaves.open(dir);
    const base = contentOf(story(ID, 1, ''));
    await saves.keep({ id: ID, baseRev: 1, content: { ...base, headline: '被拒' }, at: 'a', ...who });
    await saves.keep({ id: OTHER, baseRev: 1, content: base, at: 'b', ...who, personId: 'someone-else' });
    let calls = 0;
    const delivered = await saves.flush(
      who,
      async () => {
        calls++;
        throw conflict();
      },
      () => 'refused',
    );
    expect(delivered).toEqual({ delivered: [], waiting: 0 });
    expect(calls).toBe(1);
    const kept = JSON.parse(await readFile(join(pendingDirOf(dir), `${ID}.json`), 'utf8')) as {
      content: { headline: string };
      refused: { key: string };
    };
    expect(kept.content.headline).toBe('被拒');
    expect(kept.refused.key).toBe('error.conflict');
    // Not sent again by itself: it waits for the person.
    await saves.flush(
      who,
      () => Promise.reject(new Error('must not be sent')),
      () => 'refused',
    );
    expect((await PendingSaves.open(dir)).list().map((p) => [p.storyId, p.refused])).toEqual([
      [ID, 'error.conflict'],
      [OTHER, null],
    ]);
  });

  it('leaves a damaged file as it is', async () => {
    const dir = dataDir();
    const saves = await PendingSaves.open(dir);
    await saves.keep({ id: ID, baseRev: 1, content: contentOf(story(ID, 1, '')), at: 'a', ...who });
    await writeFile(join(pendingDirOf(dir), `${OTHER}.json`), '{"id": "half');
    const again = await PendingSaves.open(dir);
    expect(again.damaged).toEqual([`${OTHER}.json`]);
    expect(again.list().map((p) => p.storyId)).toEqual([ID]);
    expect(await readFile(join(pendingDirOf(dir), `${OTHER}.json`), 'utf8')).toBe('{"id": "half');
  });
});
