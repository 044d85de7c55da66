import { describe, expect, it } from 'vitest';

import { bodySlots, photosInBodyOrder } from './photo-order';

const p = (id: string) => ({ id });

describe('photosInBodyOrder', () => {
  it('puts placed photos in body order, then the others in list order', () => {
    const list = [p('a'), p('b'), p('c'), p('d')];
    expect(photosInBodyOrder(list, ['c', 'a']).map((x) => x.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('returns the same array when the order is already right', () => {
    const list = [p('a'), p('b'), p('c')];
    expect(photosInBodyOrder(list, ['a', 'b'])).toBe(list);
    expect(photosInBodyOrder(list, [])).toBe(list);
  });

  it('ignores body ids that are not in the list and repeats of an id', () => {
    const list = [p('a'), p('b')];
    expect(photosInBodyOrder(list, ['x', 'b', 'a', 'b']).map((x) => x.id)).toEqual(['b', 'a']);
  });
});

describe('bodySlots', () => {
  it('swaps two placed photos when the list swaps them', () => {
    expect(bodySlots(['a', 'b', 'c'], ['b', 'a', 'c'])).toEqual(['b', 'a', 'c']);
  });

  it('leaves photos that are not in the order where they sort last', () => {
    expect(bodySlots(['a', 'b'], ['b', 'a', 'x'])).toEqual(['b', 'a']);
    expect(bodySlots(['z', 'a'], ['a'])).toEqual(['a', 'z']);
  });

  it('is a no-op when the order already matches', () => {
    expect(bodySlots(['a', 'b'], ['a', 'b'])).toEqual(['a', 'b']);
  });
});
