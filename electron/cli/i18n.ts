/**
 * The command line's language: the same setting as the app. `--lang en|zh-CN` (anywhere on
 * the line) wins; else a command on a data folder speaks the language the app is set to there
 * (its prefs.json); else zh-CN. main.ts sets it before any command runs. Messages
 * come from the CLI's catalog (messages-zh-CN.ts / messages-en.ts), which holds the page
 * report's strings shared with the 版面 screen (shared/i18n).
 */
import { readFileSync } from 'node:fs';

import type { DeskError } from '../../shared/api';
import type { Finding } from '../../shared/checks/finding';
import type { ImportNote } from '../../shared/import';
import { formatMessage } from '../../shared/i18n/format';
import { LOCALES, type Locale } from '../../shared/model';
import { dataLayout } from '../desk/storage/data-layout';
import { cliEn } from './messages-en';
import { cliZhCN } from './messages-zh-CN';

export type CliMessageKey = keyof typeof cliZhCN;
type Params = Record<string, string | number>;

const CATALOGS: Record<Locale, Readonly<Record<CliMessageKey, string>>> = { 'zh-CN': cliZhCN, en: cliEn };
let current: Locale = 'zh-CN';

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The language the app is set to in a data folder (its prefs.json), or null when the folder
 * has none or it cannot be read: then the CLI keeps its default. Only read, never written.
 */
export function savedLocale(dataDir: string): Locale | null {
  try {
    const prefs = JSON.parse(readFileSync(dataLayout(dataDir).prefs, 'utf8')) as { locale?: unknown };
    return typeof prefs.locale === 'string' && isLocale(prefs.locale) ? prefs.locale : null;
  } catch {
    return null;
  }
}

export function setCliLocale(locale: Locale): void {
  current = locale;
}

export function cliLocale(): Locale {
  return current;
}

/** A message of the CLI's catalog in the current language. */
export function t(key: CliMessageKey, params?: Params): string {
  return formatMessage(CATALOGS[current][key], params);
}

function lookup(key: string, params: Params): string | undefined {
  const catalog = CATALOGS[current] as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(catalog, key)
    ? formatMessage(catalog[key]!, params)
    : undefined;
}

/** Whether a text already ends a sentence (or introduces what follows it). */
const ENDED = /[。！？；：.!?;:]$/u;

/** `text` as a sentence of the current language: its full stop added when it has none. */
export function sentence(text: string): string {
  return ENDED.test(text) ? text : `${text}${t('cli.stop')}`;
}

/** Why the system could not read a file (ENOENT …), as the error's English detail names it; '' when it does not. */
function systemReason(err: DeskError): string {
  const code = /\b(ENOENT|EACCES|EISDIR|ENOTDIR)\b/u.exec(err.message)?.[1];
  return code ? (lookup(`cli.reason.${code}`, {}) ?? '') : '';
}

/** A desk error in the current language: its key's message when the catalog has one, else its English detail. */
export function deskErrorText(err: DeskError): string {
  const text = lookup(`cli.${err.key}`, err.params) ?? lookup(err.key, err.params);
  return text === undefined ? err.message : `${text}${systemReason(err)}`;
}

/**
 * A desk error as lines for a terminal: its message, then each problem it lists (every
 * problem of a story file, with its line) as the import dialog words them.
 */
export function deskErrorLines(err: DeskError): string[] {
  if (err.problems.length === 0) return [sentence(deskErrorText(err))];
  const head = t('error.storyProblems', { file: String(err.params.file ?? ''), count: err.problems.length });
  return [
    head,
    ...err.problems.map((p) =>
      t('cli.problem', {
        where: p.line === null ? t('storyFormat.whole') : t('storyFormat.line', { line: p.line }),
        message: lookup(p.key, p.params) ?? p.detail,
      }),
    ),
  ];
}

/** A file's text encoding by the name the import dialog gives it (GB18030（兼容 GBK）…). */
export function encodingText(encoding: string): string {
  return lookup(`encoding.${encoding}`, {}) ?? encoding.toUpperCase();
}

/** An import note in the current language, as the import dialog words it; else its own (English) detail. */
export function noteText(note: ImportNote): string {
  const params: Params = { ...note.params };
  if (note.code === 'encoding') params.encodingName = encodingText(String(note.params.encoding ?? ''));
  return lookup(`importNote.${note.code}`, params) ?? note.detail;
}

/** A finding's message in the current language, as the 版面 screen words it; else its own (English) message. */
export function findingText(f: Finding): string {
  return lookup(f.messageKey, f.params) ?? lookup(`check.${f.rule}`, f.params) ?? f.message;
}

/** A story field a finding points at (主题, 图片说明 …) as the findings list names it; else its own name. */
export function fieldText(field: string): string {
  return (
    lookup(`findings.field.${field}`, {}) ??
    lookup(`cli.field.${field}`, {}) ??
    lookup(`findings.family.${field}`, {}) ??
    field
  );
}

/** A story's status as the story list names it (草稿, 初审通过 …); else as stored. */
export function statusText(status: string): string {
  return lookup(`status.${status}`, {}) ?? status;
}

/** A rule family as `--rules` takes it, with the name the findings list gives it (punct（标点）). */
export function familyText(name: string): string {
  const label = lookup(`findings.family.${name}`, {});
  return label === undefined ? name : t('cli.family', { name, label });
}
