import { describe, expect, it } from 'vitest';

import type { UserProfile } from './roles';
import type { Signature } from './schemas';
import { nobodyToSign, nobodyToSignRefusal, signersFor, type StoryFacts } from './workflow';

const person = (id: string, name: string, roles: UserProfile['roles'], disabled = false): UserProfile => ({
  id,
  name,
  roles,
  disabled,
});
const reporter = person('zhang-ming', '张明', ['reporter']);
const a = person('li-hua', '李华', ['first-editor', 'second-editor']);
const b = person('wang-fang', '王芳', ['first-editor', 'second-editor']);
const c = person('zhao-qiang', '赵强', ['second-editor', 'final-editor']);
const admin = person('admin', '管理员', ['admin']);
const facts: StoryFacts = { bylineNames: ['张明'], createdBy: 'zhang-ming' };
const sig = (level: Signature['level'], user: UserProfile): Signature => ({
  level,
  userId: user.id,
  name: user.name,
  rev: 2,
  at: 't',
});

describe('who may sign the level a story waits for', () => {
  it('list the eligible, the blocked holders of the role with the reason, and no one for a draft', () => {
    const users = [reporter, a, b, c, admin];
    expect(signersFor({ status: 'draft', signatures: [] }, facts, users)).toBeNull();
    const check = signersFor({ status: 'first-passed', signatures: [sig('first', a)] }, facts, users)!;
    expect(check.level).toBe('second');
    expect(check.eligible.map((u) => u.name)).toEqual(['王芳', '赵强']);
    expect(check.blocked).toEqual([
      { userId: 'li-hua', name: '李华', key: 'review.refused.signedOtherLevel', signed: 'first' },
    ]);
    expect(nobodyToSign({ status: 'first-passed', signatures: [sig('first', a)] }, facts, users)).toBeNull();
  });

  it('say nobody can sign 终审 when its only holder signed 复审, and name the editors an admin can give the role to', () => {
    // The staff the issue found: 赵强 alone holds 终审, and he signed 复审.
    const state = { status: 'second-passed' as const, signatures: [sig('first', a), sig('second', c)] };
    const stuck = nobodyToSign(state, facts, [reporter, a, b, c, admin])!;
    expect(stuck.level).toBe('final');
    expect(stuck.eligible).toEqual([]);
    expect(stuck.blocked).toEqual([
      { userId: 'zhao-qiang', name: '赵强', key: 'review.refused.signedOtherLevel', signed: 'second' },
    ]);
    // 李华 signed 初审; the reporter and the admin are no editors: only 王芳 is left to be given 终审.
    expect(stuck.candidates).toEqual([{ id: 'wang-fang', name: '王芳' }]);
    const refusal = nobodyToSignRefusal(stuck);
    expect(refusal).toMatchObject({
      key: 'review.stuck.give',
      params: { level: 'final', candidates: '王芳' },
    });
    expect(refusal.message).toBe(
      'Nobody can sign 终审 of this story (赵强 signed 复审; nobody signs two levels or their own story). ' +
        'An administrator can give the 终审 role to another person in 人员管理 (people): 王芳.',
    );
  });

  it('leave disabled profiles out, count an author as blocked, and ask for a new person when no editor is left', () => {
    const writer = person('zhou-yu', '周宇', ['first-editor']);
    const retired = person('old', '老编辑', ['first-editor'], true);
    const stuck = nobodyToSign(
      { status: 'submitted', signatures: [] },
      { bylineNames: ['周宇'], createdBy: null },
      [reporter, writer, retired, admin],
    )!;
    expect(stuck.blocked).toEqual([
      { userId: 'zhou-yu', name: '周宇', key: 'review.refused.ownStory', signed: null },
    ]);
    expect(stuck.candidates).toEqual([]);
    expect(nobodyToSignRefusal(stuck).key).toBe('review.stuck.add');
  });
});
