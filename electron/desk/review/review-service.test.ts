import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DeskError, DeskEvent } from '../../../shared/api';
import { bodyFromBlocks, contentOf, newStory, type Story, type StoryContent } from '../../../shared/model';
import { DeskEvents } from '../desk-events';
import { DeskStore } from '../storage/desk-store';
import { tempDataDir } from '../storage/fixtures/test-data';
import { LOCK_TTL_MS, LockTable } from './locks';
import { openReview, type ReviewServices } from './review-service';
import { runInSession } from './session-context';

let dir: string;
let cleanup: () => Promise<void>;
let store: DeskStore;
let review: ReviewServices;
let clock = 0;
let heard: DeskEvent[] = [];

const as = <T>(session: string, task: () => Promise<T>) => runInSession(session, task);
const h = () => review.handlers;

/** Each person at their own session, picked. */
async function person(userId: string): Promise<string> {
  const session = `s-${userId}`;
  await as(session, () => h()['session.setUser']({ userId }));
  return session;
}

function withBody(story: Story, ...paras: string[]): StoryContent {
  return {
    ...contentOf(story),
    body: bodyFromBlocks(paras.map((text) => ({ type: 'paragraph' as const, text }))),
  };
}

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    return error as DeskError;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDataDir('review'));
  store = await DeskStore.open({ dataDir: dir, user: 'desk' });
  clock = Date.UTC(2026, 2, 5, 8);
  heard = [];
  const events = new DeskEvents();
  events.subscribe((event) => heard.push(event));
  review = await openReview({
    store,
    dataDir: dir,
    fallbackName: () => 'desk',
    now: () => new Date(clock),
    locks: new LockTable(() => clock),
    events,
  });
});

afterEach(async () => {
  await store.close();
  await cleanup();
});

async function reporterStory(): Promise<{ story: Story; reporter: string }> {
  const reporter = await person('zhang-ming');
  const created = await store.create({
    ...newStory('story-0001', new Date(clock).toISOString(), '张明', {
      headline: '新城区创文',
      page: 'B6',
      byline: { credits: [{ kind: 'person', role: '记者', names: ['张明'] }], position: 'lead' },
      body: bodyFromBlocks([{ type: 'paragraph', text: '全年投入资金1758万元。' }]),
    }),
    createdBy: 'zhang-ming',
  });
  return { story: created, reporter };
}

describe('review services', () => {
  it('walk a story through 三审 with a return, recording everything', async () => {
    const { story, reporter } = await reporterStory();
    const a = await person('li-hua');
    const b = await person('wang-fang');
    const c = await person('zhao-qiang');

    let s = await as(reporter, () =>
      h()['review.act']({ id: story.id, action: 'submit', baseRev: story.rev }),
    );
    expect(s.status).toBe('submitted');
    expect(await as(a, () => h()['review.queue']({}))).toMatchObject([
      { story: { id: story.id }, level: 'first', blockedBy: null },
    ]);

    s = await as(a, () => h()['review.act']({ id: s.id, action: 'sign', baseRev: s.rev }));
    expect(s.status).toBe('first-passed');
    expect(s.signatures).toEqual([
      { level: 'first', userId: 'li-hua', name: '李华', rev: 1, at: new Date(clock).toISOString() },
    ]);
    expect(s.rev).toBe(3);
    expect(s.contentRev).toBe(1);

    expect(await as(a, () => h()['review.queue']({}))).toMatchObject([
      { level: 'second', blockedBy: 'review.refused.signedOtherLevel' },
    ]);
    const refused = await refusal(
      as(a, () => h()['review.act']({ id: s.id, action: 'sign', baseRev: s.rev })),
    );
    expect(refused.key).toBe('review.refused.signedOtherLevel');
    expect(refused.message).toContain('nobody signs two levels of one story');

    s = await as(b, () => h()['review.act']({ id: s.id, action: 'sign', baseRev: s.rev }));
    expect(s.status).toBe('second-passed');
    s = await as(c, () =>
      h()['review.act']({
        id: s.id,
        action: 'return',
        baseRev: s.rev,
        comment: '数字请核实',
        anchor: { field: 'body', block: 0, start: 6, end: 10 },
      }),
    );
    expect(s.status).toBe('returned');
    expect(s.signatures).toEqual([]);
    expect(s.comments).toMatchObject([
      { text: '数字请核实', returnedAt: 'final', anchor: { quote: '1758', lost: false } },
    ]);
    expect(await as(reporter, () => h()['review.queue']({}))).toMatchObject([
      { level: null, openComments: 1 },
    ]);

    // The reporter fixes the figure; the comment follows its passage.
    s = await as(reporter, () => review.save(s.id, s.rev, withBody(s, '全年共投入资金1758万元。')));
    expect(s.comments![0]!.anchor).toMatchObject({ start: 7, end: 11, lost: false });

    const trail = await h()['review.audit']({ id: story.id });
    expect(trail.map((e) => [e.kind, e.name, e.level, e.to])).toEqual([
      ['submit', '张明', null, 'submitted'],
      ['sign', '李华', 'first', 'first-passed'],
      ['sign', '王芳', 'second', 'second-passed'],
      ['return', '赵强', 'final', 'returned'],
    ]);
    expect(trail[1]!.rev).toBe(1);
    expect(await h()['review.audit']({ page: 'B6' })).toHaveLength(4);
    const csv = await h()['review.auditCsv']({ id: story.id });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('数字请核实');
    const onDisk = await readFile(join(dir, 'audit', `${story.id}.ndjson`), 'utf8');
    expect(onDisk.trim().split('\n')).toHaveLength(4);
  });

  it('refuse the newsroom-only sign-off request and key registration on a single desktop, and sign without keys', async () => {
    const { story, reporter } = await reporterStory();
    const a = await person('li-hua');
    const s = await as(reporter, () =>
      h()['review.act']({ id: story.id, action: 'submit', baseRev: story.rev }),
    );
    const asked = await refusal(
      as(a, () => h()['review.challenge']({ id: s.id, action: 'sign', baseRev: s.rev })),
    );
    expect([asked.code, asked.key, asked.params]).toEqual([
      'unsupported',
      'error.notOnDesk',
      { method: 'review.challenge' },
    ]);
    const key = await refusal(
      as(a, () => h()['keys.register']({ publicKey: 'x'.repeat(44), proof: 'y'.repeat(88) })),
    );
    expect(key.key).toBe('error.notOnDesk');
    // A signed answer sent to a single desktop changes nothing: the picked person signs, as always.
    const signed = await as(a, () =>
      h()['review.act']({
        id: s.id,
        action: 'sign',
        baseRev: s.rev,
        signoff: { nonce: 'n'.repeat(32), signature: 'not-checked-here' },
      }),
    );
    expect(signed.status).toBe('first-passed');
    expect(signed.signatures?.map((x) => x.userId)).toEqual(['li-hua']);
  });

  it('clear signatures when an editor edits a signed story, keep the signed revision, and diff/restore it', async () => {
    const { story, reporter } = await reporterStory();
    const a = await person('li-hua');
    const c = await person('zhao-qiang');
    let s = await as(reporter, () => h()['review.act']({ id: story.id, action: 'submit', baseRev: 1 }));
    s = await as(a, () => h()['review.act']({ id: s.id, action: 'sign', baseRev: s.rev }));
    const b = await person('wang-fang');
    s = await as(b, () => h()['review.act']({ id: s.id, action: 'sign', baseRev: s.rev }));
    expect(s.status).toBe('second-passed');

    // The reporter may not touch it now.
    const no = await refusal(as(reporter, () => review.save(s.id, s.rev, withBody(s, '改'))));
    expect(no.key).toBe('review.refused.editSigned');

    // 赵强 (复审 + 终审) edits: his level is 复审, so 复审 is cleared and 初审 stays.
    s = await as(c, () => review.save(s.id, s.rev, withBody(s, '全年投入资金1800万元。')));
    expect(s.status).toBe('first-passed');
    expect(s.signatures!.map((x) => x.level)).toEqual(['first']);
    expect(s.history.at(-1)).toMatchObject({ rev: 1, signed: true });

    // Many quick saves by the same editor never merge the signed revision away.
    for (let i = 0; i < 5; i++) {
      clock += 1000;
      s = await as(c, () => review.save(s.id, s.rev, withBody(s, `全年投入资金18${i}0万元。`)));
    }
    expect(s.history.some((r) => r.rev === 1 && r.signed)).toBe(true);

    const list = await h()['history.list']({ id: s.id });
    expect(list.entries[0]).toMatchObject({ current: true, rev: s.rev });
    expect(list.entries.find((e) => e.rev === 1)).toMatchObject({
      signed: true,
      signatures: [{ level: 'first' }],
    });

    const diff = await h()['history.diff']({ id: s.id, from: 1, to: s.rev });
    expect(diff.fields.find((f) => f.field === 'body')).toMatchObject({ changed: true });

    s = await as(c, () => h()['history.restore']({ id: s.id, rev: 1 }));
    expect(s.body).toEqual(story.body);
    const trail = await h()['review.audit']({ id: s.id });
    expect(trail.map((e) => e.kind)).toEqual(['submit', 'sign', 'sign', 'edit-after-sign', 'restore']);
    expect(trail[3]!.detail).toBe('second:王芳@1');
  });

  it('lock a story to one session: others are refused, never a lost update; a lapsed lock frees it; editors take over', async () => {
    const { story } = await reporterStory();
    const a = await person('li-hua');
    const p = await person('chen-jing');
    expect(await as(a, () => h()['locks.acquire']({ id: story.id }))).toMatchObject({
      mine: true,
      holder: { name: '李华' },
    });
    expect(await as(p, () => h()['locks.acquire']({ id: story.id }))).toMatchObject({
      mine: false,
      holder: { name: '李华' },
    });
    const locked = await refusal(as(p, () => review.save(story.id, story.rev, withBody(story, '陈静改的'))));
    expect(locked.key).toBe('error.lockedBy');
    expect(locked.message).toContain('李华 is editing story');
    expect((await store.get(story.id)).rev).toBe(1);

    // A proofreader cannot take over; an editor can, and it is recorded.
    expect((await refusal(as(p, () => h()['locks.takeOver']({ id: story.id })))).key).toBe(
      'review.refused.takeOverRole',
    );
    const b = await person('wang-fang');
    expect(await as(b, () => h()['locks.takeOver']({ id: story.id }))).toMatchObject({
      mine: true,
      holder: { name: '王芳' },
    });
    expect((await refusal(as(a, () => review.save(story.id, 1, withBody(story, 'x'))))).key).toBe(
      'error.lockedBy',
    );
    expect((await h()['review.audit']({ id: story.id })).map((e) => [e.kind, e.name, e.detail])).toEqual([
      ['lock-takeover', '王芳', '李华 (li-hua)'],
    ]);

    // The holder's window crashed: no heartbeat for 60 s frees the lock.
    clock += LOCK_TTL_MS;
    expect(await as(a, () => h()['locks.acquire']({ id: story.id }))).toMatchObject({ mine: true });
    await as(a, () => h()['locks.release']({ id: story.id }));
    expect(await as(p, () => h()['locks.acquire']({ id: story.id }))).toMatchObject({ mine: true });
  });

  it('refuse a lock or a save from a window where nobody is chosen, never in the OS account name', async () => {
    const { story } = await reporterStory();
    const nobody = 'tab-nobody';
    for (const method of ['locks.acquire', 'locks.renew'] as const) {
      const refused = await refusal(as(nobody, () => h()[method]({ id: story.id })));
      expect(refused.key).toBe('review.refused.noUserEdit');
      expect(refused.message).toContain('Nothing was saved');
    }
    expect(await as(nobody, () => h()['locks.view']({ id: story.id }))).toMatchObject({ holder: null });
    const save = await refusal(
      as(nobody, () => review.save(story.id, story.rev, withBody(story, '无名氏改的'))),
    );
    expect(save.key).toBe('review.refused.noUserEdit');
    expect((await store.get(story.id)).rev).toBe(1);
    expect(heard).toEqual([]);

    await expect(as(nobody, async () => review.requireWriter())).rejects.toMatchObject({
      key: 'review.refused.noUserEdit',
    });
    // The CLI and scripts (no session) still save, under the desk's user name.
    const saved = await review.save(story.id, story.rev, withBody(story, '脚本改的'));
    expect(saved.updatedBy).toBe('desk');
  });

  it('tell every window at once when a lock is taken, taken over, freed or changes person', async () => {
    const { story } = await reporterStory();
    const a = await person('li-hua');
    const b = await person('wang-fang');
    const locks = () =>
      heard
        .filter((e) => e.type === 'lock')
        .map((e) => (e.type === 'lock' && e.holder ? e.holder.name : null));

    // Reading takes no lock and says nothing.
    expect(await as(a, () => h()['locks.view']({ id: story.id }))).toMatchObject({
      mine: false,
      holder: null,
    });
    expect(heard).toEqual([]);

    await as(a, () => h()['locks.acquire']({ id: story.id }));
    // A renewal or a refused acquire changes nobody: no event.
    await as(a, () => h()['locks.renew']({ id: story.id }));
    await as(b, () => h()['locks.acquire']({ id: story.id }));
    expect(locks()).toEqual(['李华']);
    expect(heard[0]).toEqual({
      type: 'lock',
      storyId: story.id,
      holder: { userId: 'li-hua', name: '李华' },
      at: new Date(clock).toISOString(),
    });

    await as(b, () => h()['locks.takeOver']({ id: story.id }));
    expect(locks()).toEqual(['李华', '王芳']);

    // 王芳's window changes person: her lock ends with her turn.
    await as(b, () => h()['session.setUser']({ userId: 'zhao-qiang' }));
    expect(locks()).toEqual(['李华', '王芳', null]);
    expect(await as(a, () => h()['locks.view']({ id: story.id }))).toMatchObject({ holder: null });

    // A save tells its new revision and status; a review action its status and review data.
    await as(a, () => h()['locks.acquire']({ id: story.id }));
    const saved = await as(a, () => review.save(story.id, story.rev, withBody(story, '李华改的')));
    expect(heard.at(-1)).toMatchObject({
      type: 'story',
      storyId: story.id,
      revision: saved.rev,
      status: 'draft',
    });
    await as(a, () => h()['locks.release']({ id: story.id }));
    expect(locks().at(-1)).toBeNull();
    const reporter = `s-zhang-ming`;
    const submitted = await as(reporter, () =>
      h()['review.act']({ id: story.id, action: 'submit', baseRev: saved.rev }),
    );
    expect(heard.slice(-2)).toMatchObject([
      { type: 'story', storyId: story.id, revision: submitted.rev, status: 'submitted' },
      { type: 'review', storyId: story.id },
    ]);
  });

  it('keep comments threaded, resolvable and anchored; review data never conflicts with a save', async () => {
    const { story, reporter } = await reporterStory();
    const a = await person('li-hua');
    let s = await as(a, () => h()['comments.add']({ id: story.id, text: '标题再短些' }));
    const first = s.comments![0]!;
    s = await as(reporter, () => h()['comments.add']({ id: story.id, text: '好的', parentId: first.id }));
    expect(s.comments![1]).toMatchObject({ parentId: first.id, name: '张明' });
    s = await as(a, () => h()['comments.resolve']({ id: story.id, commentId: first.id }));
    expect(s.comments![0]).toMatchObject({ resolved: true, resolvedBy: '李华' });
    s = await as(a, () => h()['comments.reopen']({ id: story.id, commentId: first.id }));
    expect(s.comments![0]).toMatchObject({ resolved: false, resolvedBy: null });
    expect((await refusal(h()['comments.add']({ id: story.id, text: '匿名' }))).key).toBe(
      'review.refused.noUser',
    );
    expect(
      (
        await refusal(
          as(a, () =>
            h()['comments.add']({
              id: story.id,
              text: 'x',
              anchor: { field: 'body', block: 4, start: 0, end: 1 },
            }),
          ),
        )
      ).code,
    ).toBe('invalid-input');

    // The reporter's editor still holds rev 1: comments made revs 2-5 but changed no content.
    s = await as(reporter, () => review.save(story.id, 1, withBody(story, '新的正文')));
    expect(s.rev).toBe(6);
    expect(s.comments).toHaveLength(2);
    // A second save over the old content rev is a real conflict.
    expect((await refusal(as(reporter, () => review.save(story.id, 1, withBody(story, '旧的'))))).key).toBe(
      'error.conflict',
    );
  });

  it('manage people: only an admin saves profiles, and one admin must remain', async () => {
    const a = await person('li-hua');
    const view = await as(a, () => h()['users.list']({}));
    expect(view.current?.name).toBe('李华');
    expect(view.users.map((u) => u.id)).toContain('admin');
    expect((await refusal(as(a, () => h()['users.save']({ users: view.users })))).key).toBe(
      'review.refused.adminOnly',
    );
    const admin = await person('admin');
    const saved = await as(admin, () =>
      h()['users.save']({
        users: [...view.users, { id: 'sun-li', name: '孙丽', roles: ['final-editor'], disabled: false }],
      }),
    );
    expect(saved.map((u) => u.id)).toContain('sun-li');
    const noAdmin = saved.map((u) => (u.id === 'admin' ? { ...u, disabled: true } : u));
    expect((await refusal(as(admin, () => h()['users.save']({ users: noAdmin })))).key).toBe(
      'error.lastAdmin',
    );
    // Never deleted: signatures and the audit trail name them.
    const dropped = await refusal(
      as(admin, () => h()['users.save']({ users: saved.filter((u) => u.id !== 'li-hua') })),
    );
    expect(dropped.key).toBe('error.userRemoved');
    expect(dropped.message).toContain('deactivated, never deleted');
    const twice = saved.map((u) => (u.id === 'sun-li' ? { ...u, name: ' 李华 ' } : u));
    expect((await refusal(as(admin, () => h()['users.save']({ users: twice })))).key).toBe(
      'error.userNameTwice',
    );
    expect(JSON.parse(await readFile(join(dir, 'users.json'), 'utf8')).users).toHaveLength(8);
    expect((await refusal(h()['session.setUser']({ userId: 'nobody' }))).key).toBe('error.userNotFound');

    // 孙丽 renamed and given 复审 as well; 李华 deactivated: no longer pickable, still named in records.
    await as(admin, () =>
      h()['users.save']({
        users: saved.map((u) =>
          u.id === 'sun-li'
            ? { ...u, name: '孙丽华', roles: ['second-editor', 'final-editor'] }
            : u.id === 'li-hua'
              ? { ...u, disabled: true }
              : u,
        ),
      }),
    );
    expect(await as(a, () => h()['users.list']({}))).toMatchObject({ current: null });
    expect((await refusal(h()['session.setUser']({ userId: 'li-hua' }))).key).toBe('error.userNotFound');
    const onDesk = await review.audit.forDesk();
    expect(onDesk.map((e) => [e.kind, e.name, e.detail])).toEqual([
      ['profiles', '管理员', '+sun-li 孙丽 [final-editor]'],
      [
        'profiles',
        '管理员',
        'li-hua disabled; sun-li name 孙丽 → 孙丽华; sun-li roles [final-editor] → [second-editor,final-editor]',
      ],
    ]);
  });

  it('give the admin role to the first person set up when the desk has no admin', async () => {
    const admin = await person('admin');
    const all = (await as(admin, () => h()['users.list']({}))).users;
    // users.json edited by hand: nobody is admin any more (users.save would refuse this).
    await writeFile(
      join(dir, 'users.json'),
      JSON.stringify({ schema: 1, users: all.filter((u) => u.id !== 'admin') }),
    );
    review = await openReview({
      store,
      dataDir: dir,
      fallbackName: () => 'desk',
      now: () => new Date(clock),
    });
    const first = await as('s-first', () => h()['session.setUser']({ userId: 'wang-fang' }));
    expect(first.roles).toEqual(['first-editor', 'second-editor', 'admin']);
    const second = await as('s-second', () => h()['session.setUser']({ userId: 'zhao-qiang' }));
    expect(second.roles).not.toContain('admin');
    expect((await review.audit.forDesk()).at(-1)).toMatchObject({ kind: 'profiles', userId: 'wang-fang' });
  });

  it('record every export on the page and on each story it carried, an override on each story too', async () => {
    const { story } = await reporterStory();
    const a = await person('li-hua');
    const exportPage = async () => ({
      folder: '/out/B6-2026-03-05',
      zip: null,
      files: ['manifest.json', 'proof.pdf'],
      override: { by: '李华', reason: '数字已电话核实', at: new Date(clock).toISOString(), openErrors: 1 },
      progress: [],
      ms: 1,
    });
    const plan = {
      name: 'B6',
      date: '2026-03-05',
      slots: [
        { role: 'lead', storyId: story.id, budget: null },
        { role: 'secondary', storyId: null, budget: null },
      ],
    };
    const audited = review.auditExports(exportPage, async () => plan as never);
    await as(a, () => audited({ name: 'B6', date: '2026-03-05', force: true, reason: '数字已电话核实' }));
    const onStory = await h()['review.audit']({ id: story.id });
    expect(onStory.map((e) => [e.kind, e.name, e.userId, e.rev])).toEqual([
      ['override', '李华', 'li-hua', 1],
      ['export', '李华', 'li-hua', 1],
    ]);
    expect(onStory[0]!.detail).toContain('数字已电话核实');
    // The page's own override line is the export service's; this adds the export once.
    expect((await h()['review.audit']({ page: 'B6' })).map((e) => [e.kind, e.storyId])).toEqual([
      ['export', null],
    ]);
  });
});
