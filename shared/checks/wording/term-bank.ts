/**
 * The term bank (domain §4): fixed replacements of official wording, kept as data
 * (resources/data/terms.json, and the paper's editable copy in the data folder), each
 * entry with its wrong form, right form, severity, a note and a source. This module
 * is the schema and a pure matcher; electron/desk/terms stores and edits the bank.
 */
import { z } from 'zod';

/** A regular expression the bank may use: compiled with the u flag, must compile and must not match "". */
function compiles(source: string): boolean {
  try {
    return !new RegExp(source, 'u').test('');
  } catch {
    return false;
  }
}

export const TermEntrySchema = z
  .object({
    /** Stable id, lower-case words with dashes: "yidaiyilu-strategy". */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'an id is lower-case letters, digits and dashes'),
    /** The wrong form: literal text, or (match: 'pattern') a regular expression with the u flag. */
    wrong: z.string().min(1).max(200),
    /** The right form ($1, $<name> refer to the pattern's groups); "" when there is no automatic replacement. */
    right: z.string().max(200),
    severity: z.enum(['error', 'warning', 'info']),
    note: z.string().max(500),
    /** Where the rule comes from (a standard, a style guide, the desk's decision). */
    source: z.string().max(200),
    match: z.enum(['literal', 'pattern']).optional(),
  })
  .refine((e) => e.match !== 'pattern' || compiles(e.wrong), {
    message: 'the pattern is not a valid regular expression (or it matches empty text)',
    path: ['wrong'],
  });
export type TermEntry = z.infer<typeof TermEntrySchema>;

export const TermChangeSchema = z.object({
  version: z.number().int().min(1),
  /** ISO date-time of the change. */
  date: z.string().max(40),
  by: z.string().max(80),
  note: z.string().max(500),
});
export type TermChange = z.infer<typeof TermChangeSchema>;

export const TermBankSchema = z
  .object({
    version: z.number().int().min(1),
    changelog: z.array(TermChangeSchema).max(10000),
    entries: z.array(TermEntrySchema).max(5000),
  })
  .refine((b) => new Set(b.entries.map((e) => e.id)).size === b.entries.length, {
    message: 'two entries share an id',
    path: ['entries'],
  });
export type TermBank = z.infer<typeof TermBankSchema>;

/** A bank with no entries (where none is loaded yet). */
export const EMPTY_TERM_BANK: TermBank = { version: 1, changelog: [], entries: [] };

/** One occurrence of a wrong form, in UTF-16 offsets. */
export type TermMatch = { entry: TermEntry; start: number; end: number; replacement: string | null };

type Compiled = { entry: TermEntry; literal?: string; re?: RegExp };

const compiledBanks = new WeakMap<TermBank, Compiled[]>();

function compile(bank: TermBank): Compiled[] {
  let c = compiledBanks.get(bank);
  if (!c) {
    c = bank.entries.map((entry) =>
      entry.match === 'pattern'
        ? { entry, re: new RegExp(entry.wrong, 'gu') }
        : { entry, literal: entry.wrong },
    );
    compiledBanks.set(bank, c);
  }
  return c;
}

/** Expands $1…$9, $<name> and $$ in a right form with a match's groups. */
function expand(right: string, m: RegExpExecArray): string {
  return right.replace(/\$(\$|\d|<[^>]+>)/g, (_all, tok: string) => {
    if (tok === '$') return '$';
    if (tok.startsWith('<')) return m.groups?.[tok.slice(1, -1)] ?? '';
    return m[Number(tok)] ?? '';
  });
}

/** Every occurrence of every entry's wrong form in `text`, by position (overlaps are kept: each is its own finding). */
export function matchTerms(text: string, bank: TermBank): TermMatch[] {
  const out: TermMatch[] = [];
  for (const { entry, literal, re } of compile(bank)) {
    if (literal !== undefined) {
      for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + literal.length)) {
        out.push({ entry, start: at, end: at + literal.length, replacement: entry.right || null });
      }
    } else if (re) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0] === '') {
          re.lastIndex++;
          continue;
        }
        out.push({
          entry,
          start: m.index,
          end: m.index + m[0].length,
          replacement: entry.right ? expand(entry.right, m) : null,
        });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The input of terms.save: the whole list of entries and a note for the change log. */
export const TermsSaveSchema = z.object({
  entries: z.array(TermEntrySchema).max(5000),
  note: z.string().trim().min(1, 'say what changed').max(500),
});
export type TermsSave = z.infer<typeof TermsSaveSchema>;
