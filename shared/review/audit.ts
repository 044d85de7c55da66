/**
 * The audit trail (issue 6): one line per event, per story and per page, so an
 * editor-in-chief can show an inspector who did what, when, to which revision.
 */
import { z } from 'zod';

import { REVIEW_LEVELS } from './schemas';

export const AUDIT_KINDS = [
  'create',
  'submit',
  'sign',
  'return',
  'layout',
  'edit-after-sign',
  'restore',
  'comment',
  'lock-takeover',
  'override',
  'export',
  /** Profiles changed by an admin, or the first admin granted on first start (audit/desk.ndjson). */
  'profiles',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AuditEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(AUDIT_KINDS),
  storyId: z.string().nullable(),
  page: z.string().nullable(),
  /** The person: profile id and name as they were at the time. */
  userId: z.string(),
  name: z.string(),
  /** The content revision acted on (the one signed, for a signature). */
  rev: z.number().int().nullable(),
  level: z.enum(REVIEW_LEVELS).nullable().default(null),
  from: z.string().nullable().default(null),
  to: z.string().nullable().default(null),
  /** Free text: the return comment, the override reason, whose lock was taken, cleared signatures. */
  detail: z.string().default(''),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * The record's words for an override and an export, in the paper's language: the
 * trail is read by editors and shown to inspectors, in the app and as CSV.
 */
export function overrideDetail(o: {
  page: string;
  date: string;
  openErrors: number;
  rules?: readonly string[];
  reason: string;
}): string {
  const rules = o.rules?.length ? `（${o.rules.join('、')}）` : '';
  return `${o.page} 版 ${o.date} 导出时签字越过 ${o.openErrors} 个未解决错误${rules}，理由：${o.reason}`;
}

export function publishDetail(p: { page: string; date: string; stories: number; added: number }): string {
  return `${p.page} 版 ${p.date} 发布：${p.stories} 篇进入资料库（新增 ${p.added} 篇）`;
}

export function exportDetail(e: { page: string; date: string; where: string; files: number }): string {
  return `${e.page} 版 ${e.date} 导出至 ${e.where}（${e.files} 个文件）`;
}

const CSV_HEADER = [
  '时间 time',
  '稿件 story',
  '版面 page',
  '事件 event',
  '级别 level',
  '人员 user',
  '工号 user id',
  '修订 rev',
  '原状态 from',
  '新状态 to',
  '说明 detail',
];

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would make Excel run the cell as a formula (CSV injection).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The entries as CSV for Excel: UTF-8 with a byte-order mark (without it Excel
 * reads Chinese as the ANSI code page), CRLF line ends, every cell quoted as needed.
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = [CSV_HEADER.map(cell).join(',')];
  for (const e of entries) {
    rows.push(
      [e.at, e.storyId, e.page, e.kind, e.level, e.name, e.userId, e.rev, e.from, e.to, e.detail]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
