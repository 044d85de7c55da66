import { describe, expect, it } from 'vitest';

import type { NewsroomStatus } from '../../../shared/api';
import { needsReload, passwordProblem, pickerAllowed, storeOf } from './newsroom-state';

const base: NewsroomStatus = {
  state: 'local',
  server: null,
  lastLogin: null,
  person: null,
  expiresAt: null,
  unreachableSince: null,
  pending: [],
  key: null,
};
const zhang = { id: 'zhang-san', login: 'zhangsan', name: '张三', roles: ['reporter' as const] };
const li = { id: 'li-si', login: 'lisi', name: '李四', roles: ['first-editor' as const] };
const at = (state: NewsroomStatus['state'], person: NewsroomStatus['person'] = null): NewsroomStatus => ({
  ...base,
  state,
  server: state === 'local' ? null : 'https://bianjibu.example.cn:8443',
  person,
});

describe('the newsroom state as the window sees it', () => {
  it('works on the newsroom store only while signed in', () => {
    expect(storeOf('local')).toBe('own');
    expect(storeOf('signedOut')).toBe('own');
    expect(storeOf('passwordChange')).toBe('own');
    expect(storeOf('connected')).toBe('newsroom');
    expect(storeOf('unreachable')).toBe('newsroom');
  });

  it('offers the identity picker only on a desk nobody signed in to', () => {
    expect(pickerAllowed('local')).toBe(true);
    expect(pickerAllowed('signedOut')).toBe(true);
    expect(pickerAllowed('passwordChange')).toBe(false);
    expect(pickerAllowed('connected')).toBe(false);
    expect(pickerAllowed('unreachable')).toBe(false);
  });

  it('reads the data again when the store or the signed-in person changes, not for a server hiccup', () => {
    expect(needsReload(null, at('connected', zhang))).toBe(false);
    expect(needsReload(at('local'), at('signedOut'))).toBe(false);
    expect(needsReload(at('signedOut'), at('passwordChange', zhang))).toBe(false);
    expect(needsReload(at('passwordChange', zhang), at('connected', zhang))).toBe(true);
    expect(needsReload(at('signedOut'), at('connected', zhang))).toBe(true);
    expect(needsReload(at('connected', zhang), at('signedOut'))).toBe(true);
    expect(needsReload(at('unreachable', zhang), at('local'))).toBe(true);
    expect(needsReload(at('connected', zhang), at('unreachable', zhang))).toBe(false);
    expect(needsReload(at('unreachable', zhang), at('connected', zhang))).toBe(false);
    expect(needsReload(at('connected', zhang), at('connected', li))).toBe(true);
  });

  it('checks a new password before the desk is asked', () => {
    expect(passwordProblem('', 'x', 'x')).toEqual({ key: 'newsroom.change.noCurrent' });
    expect(passwordProblem('once-only-1', '', '')).toEqual({ key: 'newsroom.change.noNext' });
    expect(passwordProblem('once-only-1', '短密码', '短密码')).toEqual({
      key: 'newsroom.change.tooShort',
      params: { length: 3, min: 10, max: 200 },
    });
    expect(passwordProblem('once-only-1', 'x'.repeat(201), 'x'.repeat(201))).toMatchObject({
      key: 'newsroom.change.tooLong',
    });
    expect(passwordProblem('once-only-1', '我的新密码是十个字符', '我的新密码是十个字')).toEqual({
      key: 'newsroom.change.mismatch',
    });
    expect(passwordProblem('once-only-1', 'once-only-1', 'once-only-1')).toEqual({
      key: 'newsroom.change.same',
    });
    expect(passwordProblem('once-only-1', '我的新密码是十个字符', '我的新密码是十个字符')).toBeNull();
  });
});
