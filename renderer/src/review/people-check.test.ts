import { describe, expect, it } from 'vitest';

import { defaultUsers } from '../../../shared/review/roles';
import { idProblem, peopleProblems } from './people-check';

describe('people check', () => {
  const users = defaultUsers();

  it('accept the default desk', () => {
    expect(peopleProblems(users)).toEqual([]);
  });

  it('refuse a bad or repeated id, a blank or repeated name, and no active admin', () => {
    const bad = [
      ...users.map((u) => (u.id === 'admin' ? { ...u, disabled: true } : u)),
      { id: 'Sun Li', name: '孙丽', roles: [], disabled: false },
      { id: 'li-hua', name: ' ', roles: [], disabled: false },
      { id: 'li-hua-2', name: '李华 ', roles: [], disabled: false },
    ];
    expect(peopleProblems(bad).map((p) => p.key)).toEqual([
      'people.errIdFormat',
      'people.errIdTwice',
      'people.errNameBlank',
      'people.errNameTwice',
      'people.errLastAdmin',
    ]);
    expect(idProblem('zhang-ming', users)?.key).toBe('people.errIdTwice');
    expect(idProblem('sun.li', users)).toBeNull();
  });
});
