import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DeskError } from '../../../shared/api';
import { TermStore, shippedTermBank } from './term-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'terms-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TermStore', () => {
  it('seeds the data folder from the shipped bank on first use', async () => {
    const store = await TermStore.open(dir);
    const shipped = await shippedTermBank();
    expect(store.get()).toEqual(shipped);
    expect(JSON.parse(await readFile(join(dir, 'terms.json'), 'utf8'))).toEqual(shipped);
  });

  it('saves validated entries, bumps the version and appends to the change log', async () => {
    const store = await TermStore.open(dir);
    const before = store.get();
    const entry = {
      id: 'xiangzhang',
      wrong: '乡长',
      right: '乡人民政府乡长',
      severity: 'info' as const,
      note: '示例',
      source: '本报',
    };
    const saved = await store.save(
      { entries: [...before.entries, entry], note: '增加示例条目' },
      '编辑甲',
      new Date('2026-11-23T08:00:00Z'),
    );
    expect(saved.version).toBe(before.version + 1);
    expect(saved.changelog.at(-1)).toEqual({
      version: saved.version,
      date: '2026-11-23T08:00:00.000Z',
      by: '编辑甲',
      note: '增加示例条目',
    });
    const reopened = await TermStore.open(dir);
    expect(reopened.get()).toEqual(saved);
  });

  it('refuses a bad entry and keeps the bank as it was', async () => {
    const store = await TermStore.open(dir);
    const before = store.get();
    const bad = {
      id: 'bad',
      wrong: '(',
      right: '',
      severity: 'error' as const,
      note: '',
      source: '',
      match: 'pattern' as const,
    };
    await expect(store.save({ entries: [bad], note: '坏条目' }, '编辑甲')).rejects.toBeInstanceOf(DeskError);
    await expect(store.save({ entries: before.entries, note: ' ' }, '编辑甲')).rejects.toBeInstanceOf(
      DeskError,
    );
    expect((await TermStore.open(dir)).get()).toEqual(before);
  });

  it('moves a damaged terms.json aside instead of overwriting it', async () => {
    await writeFile(join(dir, 'terms.json'), '{ not json');
    const store = await TermStore.open(dir);
    expect(store.recovered).toMatch(/^terms\.json\./);
    expect(await readdir(join(dir, 'damaged'))).toEqual([store.recovered]);
    expect(store.get().entries.length).toBeGreaterThan(0);
  });
});
