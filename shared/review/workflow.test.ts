import { describe, expect, it } from 'vitest';

import { STORY_STATUSES, type StoryStatus } from '../model/story';
import type { UserProfile } from './roles';
import type { ReviewLevel, Signature } from './schemas';
import {
  editingLevel,
  statusForSignatures,
  transition,
  type ReviewAction,
  type StoryFacts,
} from './workflow';

const person = (id: string, name: string, roles: UserProfile['roles']): UserProfile => ({
  id,
  name,
  roles,
  disabled: false,
});
const reporter = person('zhang-ming', '张明', ['reporter']);
const editorA = person('li-hua', '李华', ['first-editor', 'second-editor']);
const editorB = person('wang-fang', '王芳', ['first-editor', 'second-editor']);
const editorC = person('zhao-qiang', '赵强', ['second-editor', 'final-editor']);
const finalOnly = person('sun-li', '孙丽', ['final-editor']);
const proofreader = person('chen-jing', '陈静', ['proofreader']);
const admin = person('admin', '管理员', ['admin']);
/** A reporter who is also a desk editor. */
const reporterEditor = person('zhou-yu', '周宇', ['reporter', 'first-editor']);

const facts: StoryFacts = { bylineNames: ['张明', '周宇'], createdBy: 'zhang-ming' };
const sig = (level: ReviewLevel, user: UserProfile, rev = 3): Signature => ({
  level,
  userId: user.id,
  name: user.name,
  rev,
  at: 't',
});
const SIGNED = {
  none: [] as Signature[],
  first: [sig('first', editorA)],
  second: [sig('first', editorA), sig('second', editorB)],
  all: [sig('first', editorA), sig('second', editorB), sig('final', editorC)],
};

function act(
  status: StoryStatus,
  signatures: Signature[],
  actor: UserProfile | null,
  action: ReviewAction,
  comment?: string,
) {
  return transition({
    state: { status, signatures },
    facts,
    actor,
    action,
    rev: 7,
    at: '2026-03-05T08:00:00Z',
    comment,
  });
}

function refused(outcome: ReturnType<typeof transition>) {
  if (outcome.ok) throw new Error(`expected a refusal, got ${outcome.state.status}`);
  return outcome.refusal;
}

describe('submit', () => {
  it.each(['draft', 'returned'] as const)('a reporter submits a %s story', (status) => {
    const out = act(status, [], reporter, 'submit');
    expect(out).toMatchObject({
      ok: true,
      state: { status: 'submitted', signatures: [] },
      event: { kind: 'submit', from: status, to: 'submitted' },
    });
  });
  it('an editor may submit too', () => {
    expect(act('draft', [], editorA, 'submit').ok).toBe(true);
  });
  it.each(['submitted', 'first-passed', 'second-passed', 'approved', 'laid-out'] as const)(
    'is refused for a %s story',
    (status) => {
      const r = refused(act(status, [], reporter, 'submit'));
      expect(r.key).toBe('review.refused.notDraft');
      expect(r.params).toEqual({ status });
      expect(r.message).toBe(
        `Only a draft or a returned story can be submitted; this one is "${status}". Nothing was changed.`,
      );
    },
  );
  it.each([proofreader, admin])('is refused to $name, who neither reports nor edits', (who) => {
    const r = refused(act('draft', [], who, 'submit'));
    expect(r.key).toBe('review.refused.cannotSubmit');
    expect(r.message).toBe(
      `${who.name} has neither the reporter nor an editor role, so cannot submit stories. An admin can add the role.`,
    );
  });
  it('is refused when nobody is picked', () => {
    const r = refused(act('draft', [], null, 'submit'));
    expect(r.key).toBe('review.refused.noUser');
    expect(r.message).toBe(
      'Nobody is chosen at this desk: pick who you are (top right) and try again. Nothing was changed.',
    );
  });
});

describe('sign', () => {
  it('初审 by a first editor names the revision and passes the first level', () => {
    const out = act('submitted', [], editorA, 'sign');
    expect(out).toEqual({
      ok: true,
      state: {
        status: 'first-passed',
        signatures: [{ level: 'first', userId: 'li-hua', name: '李华', rev: 7, at: '2026-03-05T08:00:00Z' }],
      },
      event: { kind: 'sign', from: 'submitted', to: 'first-passed', level: 'first', cleared: [] },
    });
  });
  it('复审 by a different second editor', () => {
    const out = act('first-passed', SIGNED.first, editorB, 'sign');
    expect(out.ok && out.state.status).toBe('second-passed');
    expect(out.ok && out.state.signatures.map((s) => [s.level, s.userId])).toEqual([
      ['first', 'li-hua'],
      ['second', 'wang-fang'],
    ]);
  });
  it('终审 by a final editor approves', () => {
    const out = act('second-passed', SIGNED.second, editorC, 'sign');
    expect(out).toMatchObject({
      ok: true,
      state: { status: 'approved' },
      event: { level: 'final', to: 'approved' },
    });
  });
  it('nobody signs two levels of one story', () => {
    const r = refused(act('first-passed', SIGNED.first, editorA, 'sign'));
    expect(r).toEqual({
      key: 'review.refused.signedOtherLevel',
      params: { name: '李华', level: 'second', signed: 'first' },
      message:
        '李华 already signed 初审 of this story; nobody signs two levels of one story. Another editor must sign 复审.',
    });
  });
  it('a second editor who signed 复审 cannot sign 终审 either', () => {
    const signed = [sig('first', editorA), sig('second', editorC)];
    const r = refused(act('second-passed', signed, editorC, 'sign'));
    expect(r.key).toBe('review.refused.signedOtherLevel');
    expect(r.params).toEqual({ name: '赵强', level: 'final', signed: 'second' });
  });
  it.each([
    ['submitted', finalOnly, 'first', '初审'],
    ['first-passed', finalOnly, 'second', '复审'],
    ['second-passed', editorB, 'final', '终审'],
    ['submitted', reporter, 'first', '初审'],
    ['submitted', proofreader, 'first', '初审'],
    ['submitted', admin, 'first', '初审'],
  ] as const)('at %s, %s without the role is refused', (status, who, level, zh) => {
    const signatures = status === 'submitted' ? [] : status === 'first-passed' ? SIGNED.first : SIGNED.second;
    const r = refused(act(status, signatures, who, 'sign'));
    expect(r.key).toBe('review.refused.noRole');
    expect(r.params).toEqual({ name: who.name, level });
    expect(r.message).toBe(
      `${who.name} does not hold the ${zh} role, so cannot sign at ${zh}. An admin can give the role.`,
    );
  });
  it('a reporter who is also an editor cannot sign their own story (byline)', () => {
    const r = refused(act('submitted', [], reporterEditor, 'sign'));
    expect(r.key).toBe('review.refused.ownStory');
    expect(r.message).toBe(
      '周宇 wrote this story (byline or creator), and nobody signs their own story. Another 初审 editor must sign it.',
    );
  });
  it('the creator counts as the author even when not in the byline', () => {
    const creatorEditor = person('zhang-ming', '张明', ['reporter', 'first-editor']);
    const r = refused(
      transition({
        state: { status: 'submitted', signatures: [] },
        facts: { bylineNames: [], createdBy: 'zhang-ming' },
        actor: creatorEditor,
        action: 'sign',
        rev: 2,
        at: 't',
      }),
    );
    expect(r.key).toBe('review.refused.ownStory');
  });
  it.each(['draft', 'returned', 'approved', 'laid-out'] as const)(
    'a %s story waits for no signature',
    (status) => {
      const r = refused(
        act(status, status === 'approved' || status === 'laid-out' ? SIGNED.all : [], editorA, 'sign'),
      );
      expect(r.key).toBe('review.refused.nothingToSign');
      expect(r.message).toBe(
        `A story that is "${status}" waits for no signature: it must be submitted first, and an approved story is already signed at every level.`,
      );
    },
  );
  it('is refused when nobody is picked', () => {
    expect(refused(act('submitted', [], null, 'sign')).key).toBe('review.refused.noUser');
  });
});

describe('the level the actor meant (a signed sign-off names it)', () => {
  const meant = (
    status: StoryStatus,
    signatures: Signature[],
    actor: UserProfile,
    action: ReviewAction,
    level: ReviewLevel,
  ) =>
    transition({
      state: { status, signatures },
      facts,
      actor,
      action,
      rev: 7,
      at: 't',
      comment: '请核实',
      level,
    });
  it('applies when the story still waits at that level', () => {
    expect(meant('submitted', [], editorB, 'sign', 'first').ok).toBe(true);
    expect(meant('first-passed', SIGNED.first, editorB, 'return', 'second').ok).toBe(true);
  });
  it('refuses a signature at a level someone has just signed, instead of signing the next level', () => {
    // 王芳 holds 复审 too: without the level she meant she would sign 复审 by accident.
    const r = refused(meant('first-passed', SIGNED.first, editorB, 'sign', 'first'));
    expect(r).toEqual({
      key: 'review.refused.alreadySigned',
      params: { level: 'first', name: '李华' },
      message:
        '初审 of this story has just been signed by 李华; nobody signs one level twice. Nothing was changed.',
    });
    expect(refused(meant('first-passed', SIGNED.first, editorB, 'return', 'first')).key).toBe(
      'review.refused.alreadySigned',
    );
  });
  it('refuses when the story moved otherwise (returned and submitted again, signed later levels)', () => {
    const r = refused(meant('submitted', [], editorC, 'sign', 'second'));
    expect(r).toEqual({
      key: 'review.refused.levelMoved',
      params: { level: 'second', status: 'submitted' },
      message:
        'The story no longer waits at 复审 (it is "submitted" now); reload it and look again. Nothing was changed.',
    });
  });
});

describe('return', () => {
  it.each([
    ['submitted', SIGNED.none, editorA, 'first'],
    ['first-passed', SIGNED.first, editorB, 'second'],
    ['second-passed', SIGNED.second, editorC, 'final'],
    ['approved', SIGNED.all, finalOnly, 'final'],
    ['laid-out', SIGNED.all, finalOnly, 'final'],
  ] as const)('from %s by the level editor, clearing every signature', (status, signatures, who, level) => {
    const out = act(status, signatures, who, 'return', '第二段数字与标题不一致');
    expect(out).toEqual({
      ok: true,
      state: { status: 'returned', signatures: [] },
      event: { kind: 'return', from: status, to: 'returned', level, cleared: signatures },
    });
  });
  it('the editor who signed the level below may still return (returning is not signing)', () => {
    expect(act('first-passed', SIGNED.first, editorA, 'return', '请补充来源').ok).toBe(true);
  });
  it.each(['', '   '])('needs a comment (%j)', (comment) => {
    const r = refused(act('submitted', [], editorA, 'return', comment));
    expect(r).toEqual({
      key: 'review.refused.commentRequired',
      params: {},
      message: 'A returned story needs a comment saying what to fix. Nothing was changed.',
    });
  });
  it('needs the role of the level it waits for', () => {
    const r = refused(act('second-passed', SIGNED.second, editorB, 'return', '不妥'));
    expect(r.key).toBe('review.refused.noRole');
    expect(r.message).toBe(
      '王芳 does not hold the 终审 role, so cannot return at 终审. An admin can give the role.',
    );
  });
  it.each(['draft', 'returned'] as const)('a %s story is not under review', (status) => {
    const r = refused(act(status, [], editorA, 'return', '不妥'));
    expect(r.key).toBe('review.refused.nothingToReturn');
    expect(r.message).toBe(`A story that is "${status}" is not under review, so it cannot be returned.`);
  });
  it('is refused when nobody is picked', () => {
    expect(refused(act('submitted', [], null, 'return', 'x')).key).toBe('review.refused.noUser');
  });
});

describe('layout', () => {
  it.each([editorA, finalOnly, admin])('an approved story goes to layout ($name)', (who) => {
    const out = act('approved', SIGNED.all, who, 'layout');
    expect(out).toMatchObject({
      ok: true,
      state: { status: 'laid-out', signatures: SIGNED.all },
      event: { kind: 'layout' },
    });
  });
  it.each(STORY_STATUSES.filter((s) => s !== 'approved'))('a %s story cannot', (status) => {
    const r = refused(act(status, [], editorA, 'layout'));
    expect(r.key).toBe('review.refused.notApproved');
    expect(r.message).toBe(
      `Only a story signed at 终审 (approved) can go to layout; this one is "${status}".`,
    );
  });
  it.each([reporter, proofreader])('$name is not an editor', (who) => {
    const r = refused(act('approved', SIGNED.all, who, 'layout'));
    expect(r.key).toBe('review.refused.cannotLayout');
    expect(r.message).toBe(`${who.name} is not an editor, so cannot send stories to layout.`);
  });
  it('is refused when nobody is picked', () => {
    expect(refused(act('approved', SIGNED.all, null, 'layout')).key).toBe('review.refused.noUser');
  });
});

describe('edit (a content change)', () => {
  it.each(['draft', 'returned'] as const)('anyone may edit a %s story, even with nobody picked', (status) => {
    for (const who of [reporter, editorA, proofreader, null]) {
      expect(act(status, [], who, 'edit')).toEqual({
        ok: true,
        state: { status, signatures: [] },
        event: null,
      });
    }
  });
  it('an editor may edit a submitted story; nothing changes', () => {
    expect(act('submitted', [], editorA, 'edit')).toEqual({
      ok: true,
      state: { status: 'submitted', signatures: [] },
      event: null,
    });
  });
  it('a reporter may not edit a submitted story', () => {
    const r = refused(act('submitted', [], reporter, 'edit'));
    expect(r.key).toBe('review.refused.editSubmitted');
    expect(r.message).toBe(
      'The story is submitted for review, so 张明 cannot change it now; ask the editor to return it. Your text was not saved.',
    );
  });
  it.each(['first-passed', 'second-passed', 'approved', 'laid-out'] as const)(
    'a reporter or proofreader may not edit a %s story',
    (status) => {
      for (const who of [reporter, proofreader, admin]) {
        const r = refused(act(status, SIGNED.all, who, 'edit'));
        expect(r.key).toBe('review.refused.editSigned');
        expect(r.message).toBe(
          'The story is signed, and only an editor may change a signed story. Your text was not saved; add a comment instead.',
        );
      }
    },
  );
  it('a signed story needs someone picked', () => {
    expect(refused(act('approved', SIGNED.all, null, 'edit')).key).toBe('review.refused.noUser');
  });
  it('a first-level editor clears every signature: back to submitted', () => {
    expect(act('approved', SIGNED.all, editorA, 'edit')).toEqual({
      ok: true,
      state: { status: 'submitted', signatures: [] },
      event: {
        kind: 'edit-after-sign',
        from: 'approved',
        to: 'submitted',
        level: 'first',
        cleared: SIGNED.all,
      },
    });
  });
  it('a second-level editor keeps 初审 and clears 复审 and 终审', () => {
    const out = act('approved', SIGNED.all, editorC, 'edit');
    expect(out).toEqual({
      ok: true,
      state: { status: 'first-passed', signatures: SIGNED.first },
      event: {
        kind: 'edit-after-sign',
        from: 'approved',
        to: 'first-passed',
        level: 'second',
        cleared: SIGNED.all.slice(1),
      },
    });
  });
  it('a final editor clears 终审 only, also after layout', () => {
    const out = act('laid-out', SIGNED.all, finalOnly, 'edit');
    expect(out).toMatchObject({
      ok: true,
      state: { status: 'second-passed', signatures: SIGNED.second },
      event: { level: 'final', cleared: [SIGNED.all[2]] },
    });
  });
  it('an edit below the editor level clears nothing', () => {
    expect(act('first-passed', SIGNED.first, finalOnly, 'edit')).toEqual({
      ok: true,
      state: { status: 'first-passed', signatures: SIGNED.first },
      event: null,
    });
  });
});

describe('helpers', () => {
  it('statusForSignatures follows the levels', () => {
    expect(statusForSignatures([])).toBe('submitted');
    expect(statusForSignatures(SIGNED.first)).toBe('first-passed');
    expect(statusForSignatures(SIGNED.second)).toBe('second-passed');
    expect(statusForSignatures(SIGNED.all)).toBe('approved');
  });
  it('editingLevel is the lowest level held', () => {
    expect(editingLevel(editorA)).toBe('first');
    expect(editingLevel(editorC)).toBe('second');
    expect(editingLevel(finalOnly)).toBe('final');
    expect(editingLevel(reporter)).toBeNull();
  });
  it('an unknown action is refused', () => {
    expect(refused(act('draft', [], editorA, 'publish' as ReviewAction)).key).toBe(
      'review.refused.unknownAction',
    );
  });
});
