/**
 * The demo staff can take every demo story through 三审 (issue 19): whatever order
 * the editors sign in, someone is always left for the next level; and the desk's
 * queue names a story nobody can sign, with what an administrator can do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Story } from '../../shared/model';
import type { UserProfile } from '../../shared/review/roles';
import { factsOf, signersFor, transition, type ReviewState } from '../../shared/review/workflow';
import { runInSession } from './review/session-context';
import { openDeskServices, type DeskServices } from './services';

let dir: string;
let services: DeskServices;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-staff-'));
  services = await openDeskServices({ dataDir: dir, transport: 'http', user: 'tester' });
});
afterEach(async () => {
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

const h = () => services.handlers;
const as = <T>(userId: string, task: () => Promise<T>) =>
  runInSession(`s-${userId}`, async () => {
    await h()['session.setUser']({ userId });
    return task();
  });

async function demoStories(): Promise<Story[]> {
  const { items } = await h()['stories.list']({
    text: '',
    status: null,
    page: 'B6',
    sort: 'page-slot',
    trash: false,
  });
  return Promise.all(items.map((s) => h()['stories.get']({ id: s.id })));
}

/** Every order of signers the workflow allows from `state`; the dead ends found (none expected). */
function deadEnds(state: ReviewState, story: Story, users: UserProfile[], path: string[] = []): string[] {
  if (state.status === 'approved') return [];
  const check = signersFor(state, factsOf(story), users)!;
  if (check.eligible.length === 0) return [`${path.join(' → ')} → nobody for ${check.level}`];
  return check.eligible.flatMap((who) => {
    const actor = users.find((u) => u.id === who.id)!;
    const next = transition({ state, facts: factsOf(story), actor, action: 'sign', rev: 1, at: 't' });
    if (!next.ok) throw new Error(next.refusal.message);
    return deadEnds(next.state, story, users, [...path, `${check.level}:${who.name}`]);
  });
}

describe('the demo staff', () => {
  it('can sign every demo story at all three levels in whatever order they sign', async () => {
    const { users } = await h()['users.list']({});
    const stories = await demoStories();
    expect(stories).toHaveLength(5);
    for (const story of stories) {
      expect(deadEnds({ status: 'submitted', signatures: [] }, story, users), story.headline).toEqual([]);
    }
  });

  it('take a demo story through 初审, 复审 and 终审 by three people, 赵强 signing 复审', async () => {
    const [story] = await demoStories();
    let s = await as('zhang-ming', () =>
      h()['review.act']({ id: story!.id, action: 'submit', baseRev: story!.rev, note: '请重点核对数字' }),
    );
    expect(s.submission).toMatchObject({
      name: '张明',
      note: '请重点核对数字',
      photos: story!.photos.length,
    });
    for (const [userId, status] of [
      ['li-hua', 'first-passed'],
      ['zhao-qiang', 'second-passed'],
      ['liu-yang', 'approved'],
    ] as const) {
      s = await as(userId, () => h()['review.act']({ id: s.id, action: 'sign', baseRev: s.rev }));
      expect(s.status).toBe(status);
    }
    expect(s.signatures!.map((x) => `${x.level}:${x.name}`)).toEqual([
      'first:李华',
      'second:赵强',
      'final:刘洋',
    ]);
  });

  it('show a story nobody can sign in the queue of every editor and the admin, with who is blocked and what to do', async () => {
    // The staff the issue found: 刘洋 retired, so 赵强 alone holds 终审.
    const { users } = await h()['users.list']({});
    await as('admin', () =>
      h()['users.save']({ users: users.map((u) => (u.id === 'liu-yang' ? { ...u, disabled: true } : u)) }),
    );
    const [story] = await demoStories();
    let s = await as('zhang-ming', () =>
      h()['review.act']({ id: story!.id, action: 'submit', baseRev: story!.rev }),
    );
    s = await as('li-hua', () => h()['review.act']({ id: s.id, action: 'sign', baseRev: s.rev }));
    s = await as('zhao-qiang', () => h()['review.act']({ id: s.id, action: 'sign', baseRev: s.rev }));
    expect(s.status).toBe('second-passed');

    for (const userId of ['wang-fang', 'li-hua', 'zhao-qiang', 'admin']) {
      const queue = await as(userId, () => h()['review.queue']({}));
      const item = queue.find((i) => i.story.id === s.id);
      expect(item?.stuck, userId).toMatchObject({
        level: 'final',
        eligible: [],
        blocked: [{ name: '赵强', signed: 'second' }],
        candidates: [{ id: 'wang-fang', name: '王芳' }],
      });
      expect(item?.submission).toMatchObject({ name: '张明' });
    }
    // The reporter has nothing of it in their queue: it is not theirs to act on.
    expect(await as('zhang-ming', () => h()['review.queue']({}))).toEqual([]);
  });
});
