import { describe, expect, it } from 'vitest';

import { CATALOGS, format, translator } from './i18n';
import { zhCN } from './zh-CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have the same keys in every language', () => {
    const reference = Object.keys(zhCN).sort();
    for (const [locale, catalog] of Object.entries(CATALOGS)) {
      expect(Object.keys(catalog).sort(), locale).toEqual(reference);
    }
  });

  it('use the same parameters for a key in every language', () => {
    for (const [locale, catalog] of Object.entries(CATALOGS)) {
      for (const [key, text] of Object.entries(zhCN)) {
        expect(placeholders(catalog[key as keyof typeof zhCN]), `${locale} ${key}`).toEqual(
          placeholders(text),
        );
      }
    }
  });

  it('have no empty message', () => {
    for (const catalog of Object.values(CATALOGS)) {
      for (const text of Object.values(catalog)) expect(text.trim()).not.toBe('');
    }
  });

  it('cover the error and notice keys the desk services send', () => {
    const keys = [
      'error.conflict',
      'error.invalidInput',
      'error.dataLocked',
      'error.photoType',
      'error.notFound',
      'error.internal',
      'notice.recovered',
      'notice.unrecoverable',
    ];
    for (const key of keys) expect(key in zhCN, key).toBe(true);
  });
});

describe('format', () => {
  it('fills parameters and leaves unknown ones visible', () => {
    expect(format('第{slot}条 {x}', { slot: 3 })).toBe('第3条 {x}');
  });

  it('translates run-time keys and refuses unknown ones', () => {
    const { tKey } = translator('en');
    expect(tKey('error.photoEmpty', { name: 'a.jpg' })).toBe('The image file “a.jpg” is empty.');
    expect(tKey('error.nope')).toBeUndefined();
  });
});
