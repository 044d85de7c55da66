import { describe, expect, it } from 'vitest';

import { bodyFromBlocks, contentOf, newStory, type Revision } from '../../../shared/model';
import { MAX_REVISIONS, appendRevision } from './story-history';

const content = contentOf(
  newStory('story-0001', 't', 'x', { body: bodyFromBlocks([{ type: 'paragraph', text: '正文' }]) }),
);
const at = (minute: number) => new Date(Date.UTC(2026, 2, 5, 8, minute)).toISOString();
const rev = (n: number, minute: number, by = '李华', signed = false): Revision => ({
  rev: n,
  savedAt: at(minute),
  savedBy: by,
  content,
  ...(signed ? { signed: true } : {}),
});

describe('appendRevision', () => {
  it('merges saves of one editing session', () => {
    expect(appendRevision([rev(1, 0)], rev(2, 1)).map((r) => r.rev)).toEqual([2]);
  });

  it('never merges a signed revision away (issue 6: a signature names its revision)', () => {
    const history = appendRevision([rev(1, 0, '李华', true)], rev(2, 1));
    expect(history.map((r) => [r.rev, r.signed === true])).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it('drops the oldest unsigned revisions first when over the bound', () => {
    let history: Revision[] = [rev(1, 0, '王芳', true)];
    for (let n = 2; n <= MAX_REVISIONS + 20; n++)
      history = appendRevision(history, rev(n, n * 10, n % 2 ? '王芳' : '李华'));
    expect(history).toHaveLength(MAX_REVISIONS);
    expect(history[0]).toMatchObject({ rev: 1, signed: true });
    expect(history[1]!.rev).toBe(22);
    expect(history.at(-1)!.rev).toBe(MAX_REVISIONS + 20);
  });
});
