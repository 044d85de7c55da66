import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkoutEn } from './checkout-en';
import { checkoutZhCN } from './checkout-zh-CN';

const ROOT = join(import.meta.dirname, '../..');
/** The error keys the check-out code sends, read from its source. */
function sentKeys(): string[] {
  const source = [
    'electron/server/store/checkout.ts',
    'electron/server/store/stories.ts',
    'electron/server/store/review.ts',
  ]
    .map((f) => readFileSync(join(ROOT, f), 'utf8'))
    .join('\n');
  return [
    ...source.matchAll(
      /'(error\.(?:checkedOutBy|checkInOp\w+|notCheckedOut|noConflict|conflict\w+)|review\.refused\.checkedOut)'/g,
    ),
  ].map((m) => m[1]!);
}

describe('check-out messages', () => {
  it('have the same keys and placeholders in both languages', () => {
    expect(Object.keys(checkoutEn).sort()).toEqual(Object.keys(checkoutZhCN).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, zh] of Object.entries(checkoutZhCN))
      expect(holes(checkoutEn[key as keyof typeof checkoutEn]), key).toEqual(holes(zh));
  });

  it('cover every check-out error the server sends', () => {
    const keys = sentKeys();
    expect(keys.length).toBeGreaterThanOrEqual(5);
    for (const key of keys) expect(key in checkoutZhCN, key).toBe(true);
  });
});
