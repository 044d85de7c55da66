/**
 * i18n: zh-CN is the default and the source catalog, en the second language.
 * Every visible string goes through `t`. Keys that arrive at run time (error and
 * notice keys from the desk services) go through `tKey`, which falls back rather
 * than showing a raw key.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';

import type { Locale } from '../../../../shared/model';
import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type { MessageKey } from './zh-CN';
export type Params = Record<string, string | number>;

export const CATALOGS: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

export type Translator = {
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  /** For keys that come from outside the renderer; undefined when unknown. */
  tKey: (key: string, params?: Params) => string | undefined;
};

export function translator(locale: Locale): Translator {
  const catalog = CATALOGS[locale];
  return {
    locale,
    t: (key, params) => format(catalog[key], params),
    tKey: (key, params) => (isMessageKey(key) ? format(catalog[key], params) : undefined),
  };
}

const I18nContext = createContext<Translator>(translator('zh-CN'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => translator(locale), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): Translator {
  return useContext(I18nContext);
}
