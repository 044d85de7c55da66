import { describe, expect, it } from 'vitest';

import { StoryChecker } from '../../../../shared/checks/run-story';
import { bodyFromBlocks, type SerializedNode } from '../../../../shared/model';
import type { Finding } from '../../../../shared/checks/finding';
import {
  applySplice,
  bodySplice,
  CheckSession,
  FindingsDecoder,
  FindingsEncoder,
  StoryMirror,
  storyOf,
  type CheckedFields,
} from './check-session';

const para = (text: string): SerializedNode => ({
  type: 'paragraph',
  version: 1,
  children: [{ type: 'text', version: 1, text }],
});

const FIELDS = {
  kind: 'news',
  kicker: '',
  headline: '我市推进基层党建工作',
  subheadline: '',
  photos: [],
} as unknown as CheckedFields;

describe('bodySplice', () => {
  const a = para('一');
  const b = para('二');
  const c = para('三');
  const d = para('四');

  it('is null for the same blocks', () => {
    expect(bodySplice([a, b, c], [a, b, c])).toBeNull();
    expect(bodySplice([], [])).toBeNull();
  });

  it('sends only the changed block between the unchanged beginning and end', () => {
    const b2 = para('二二');
    expect(bodySplice([a, b, c], [a, b2, c])).toEqual({ start: 1, remove: 1, insert: [b2] });
  });

  it('sends an inserted, a removed and a split block', () => {
    expect(bodySplice([a, c], [a, b, c])).toEqual({ start: 1, remove: 0, insert: [b] });
    expect(bodySplice([a, b, c], [a, c])).toEqual({ start: 1, remove: 1, insert: [] });
    const b1 = para('二（上）');
    const b2 = para('二（下）');
    expect(bodySplice([a, b, c], [a, b1, b2, c])).toEqual({ start: 1, remove: 1, insert: [b1, b2] });
  });

  it('never counts a block twice when the same block repeats', () => {
    for (const [before, after] of [
      [[a, a], [a]],
      [[a], [a, a]],
      [[a, b, a], [a]],
      [[], [a, b]],
      [[a, b], []],
      [
        [a, b, c, d],
        [d, c, b, a],
      ],
    ] as Array<[SerializedNode[], SerializedNode[]]>) {
      const splice = bodySplice(before, after);
      expect(splice && applySplice(before, splice)).toEqual(after);
    }
  });
});

describe('StoryMirror + CheckSession', () => {
  it('keeps the session equal to the story with deltas only, and finds what a direct check finds', () => {
    const mirror = new StoryMirror();
    const session = new CheckSession();
    const texts = [
      '本报讯 近日，我市召开基层党建工作推进会。会议强调，要坚持以习近平新时代中国特色社会主义思想为指导。',
      '会议指出,要把党的政治建设摆在首位。',
      '全市共有基层党组织1200余个，党员约3万多名。',
      '会议强调，要坚持以习近平新时代中国特色社会主义思想为指导。',
    ];
    let blocks = texts.map(para);
    let fields = FIELDS;

    const first = mirror.delta(fields, blocks);
    expect(Object.keys(first.fields ?? {})).toContain('headline');
    expect(first.body).toEqual({ start: 0, remove: 0, insert: blocks });
    session.update({ type: 'check', session: 1, seq: 1, version: 1, key: 's1', ...first });

    // Typing in paragraph 2: only it goes over.
    blocks = [...blocks];
    blocks[1] = para('会议指出，要把党的政治建设摆在首位。');
    const second = mirror.delta(fields, blocks);
    expect(second.fields).toBeUndefined();
    expect(second.body).toEqual({ start: 1, remove: 1, insert: [blocks[1]] });
    session.update({ type: 'check', session: 1, seq: 2, version: 2, key: 's1', ...second });

    // A headline change: only it goes over.
    fields = { ...fields, headline: '我市推进基层党建工作。' };
    const third = mirror.delta(fields, blocks);
    expect(third.fields).toEqual({ headline: '我市推进基层党建工作。' });
    expect(third.body).toBeUndefined();
    session.update({ type: 'check', session: 1, seq: 3, version: 3, key: 's1', ...third });
    expect([session.wanted, session.version]).toEqual([3, 3]);
    // The same text again (the page came in): a new check of the same version.
    session.update({ type: 'check', session: 1, seq: 4, version: 3, key: 's1' });
    expect([session.wanted, session.version]).toEqual([4, 3]);

    const direct = new StoryChecker().check({
      key: 's1',
      content: {
        ...fields,
        body: bodyFromBlocks(
          blocks.map((n) => ({ type: 'paragraph', text: n.children![0]!.text as string })),
        ),
      },
    });
    const viaSession = session.checker.check(session.story(), session.others);
    expect(direct.length).toBeGreaterThan(0);
    expect(viaSession).toEqual(direct);
    expect(direct.some((f) => f.rule.startsWith('duplicate.'))).toBe(true);
  });

  it('starts over after reset (a new worker knows nothing)', () => {
    const mirror = new StoryMirror();
    const blocks = [para('一'), para('二')];
    mirror.delta(FIELDS, blocks);
    mirror.reset();
    const again = mirror.delta(FIELDS, blocks);
    expect(again.body).toEqual({ start: 0, remove: 0, insert: blocks });
    expect(again.fields).toBeDefined();
  });

  it('builds a story whose body is exactly the blocks', () => {
    const blocks = [para('一')];
    expect(storyOf('k', FIELDS, blocks).content.body.root.children).toBe(blocks);
  });
});

describe('FindingsEncoder + FindingsDecoder', () => {
  const finding = (rule: string, start: number): Finding =>
    ({
      rule,
      family: 'punct',
      severity: 'error',
      message: rule,
      locations: [{ story: 's', field: 'body', paragraph: 1, start, end: start + 1, text: ',' }],
    }) as unknown as Finding;

  it('sends an unchanged finding as its index and gives back the same object', () => {
    const encoder = new FindingsEncoder();
    const decoder = new FindingsDecoder();
    const a = finding('punct.a', 1);
    const b = finding('punct.b', 5);
    const first = decoder.decode(structuredClone(encoder.encode([a, b])));
    expect(first).toEqual([a, b]);

    const c = finding('punct.c', 9);
    const sent = encoder.encode([finding('punct.b', 5), c, finding('punct.a', 1)]);
    expect(sent.map((x) => (typeof x === 'number' ? x : 'new'))).toEqual([1, 'new', 0]);
    const second = decoder.decode(structuredClone(sent));
    expect(second[0]).toBe(first[1]);
    expect(second[2]).toBe(first[0]);
    expect(second[1]).toEqual(c);

    // A finding that moved (typing before it) is a new one.
    const third = decoder.decode(structuredClone(encoder.encode([finding('punct.b', 6)])));
    expect(third[0]).not.toBe(first[1]);
    expect(third[0]!.locations[0]!.start).toBe(6);
  });
});
