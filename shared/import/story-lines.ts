/**
 * Recognising the printed parts of a story line by line (domain §1): the lead's
 * 电头 and byline, byline lines under the headline, end bylines, jump lines and photo
 * credits. Shared by story import and page-text import.
 */
import { creditsOfText } from '../format';
import { BYLINE_ROLES, PAGE_NAME, type Credit, type Photo } from '../model';

/**
 * 本报讯, 本报北京3月5日电, 新华社北京3月5日电, 中新网…3月5日电, 某某日报讯. An agency 电头
 * must carry its date ("N月N日电"): "…社区…用电…" in a lead is not one.
 */
const DATELINE =
  /^(本报讯|本报[\u4e00-\u9fa5]{0,10}\d{1,2}月\d{1,2}日电|[\u4e00-\u9fa5]{1,8}(?:社|报|网|台)[\u4e00-\u9fa5]{1,10}\d{1,2}月\d{1,2}日电|[\u4e00-\u9fa5]{2,8}(?:日报|晚报)讯)/u;
const BRACKETED = /^[ \u3000]*([（(])([^（）()]{1,80})([）)])[ \u3000]*/u;

export type Lead = {
  dateline: string;
  credits: Credit[];
  /** The byline read without roles: names only. */
  noRole: boolean;
  /** Half-width brackets were used: "本报讯(记者 …)". */
  halfwidth: boolean;
  /** The bracketed text when it could not be read as credits (kept in the paragraph). */
  unreadable: string | null;
  /** The paragraph after the 电头 and byline. */
  rest: string;
};

/** The 电头 and byline at the start of a lead paragraph, or null when there is none. */
export function readLead(text: string): Lead | null {
  const m = DATELINE.exec(text);
  if (!m) return null;
  const dateline = m[1] as string;
  let rest = text.slice(dateline.length);
  const b = BRACKETED.exec(rest);
  if (!b) {
    // "本报讯 今年以来……" or "新华社北京3月5日电 记者……": the 电头 alone.
    return {
      dateline,
      credits: [],
      noRole: false,
      halfwidth: false,
      unreadable: null,
      rest: rest.replace(/^[ \u3000]+/u, ''),
    };
  }
  const inner = (b[2] as string).trim();
  const halfwidth = b[1] === '(' || b[3] === ')';
  const read = personCredits(inner);
  rest = rest.slice(b[0].length);
  if (!read)
    return {
      dateline,
      credits: [],
      noRole: false,
      halfwidth,
      unreadable: b[0].trim(),
      rest: b[0].trim() + rest,
    };
  return { dateline, credits: read.credits, noRole: read.noRole, halfwidth, unreadable: null, rest };
}

const NAME = '[\\u4e00-\\u9fa5·]{2,4}';
const NAMES_ONLY = new RegExp(`^${NAME}(?:[ \\u3000、]+${NAME}){0,7}$`, 'u');
const ROLE_START = new RegExp(`^(?:${[...BYLINE_ROLES].sort((a, b) => b.length - a.length).join('|')})`, 'u');

/** "记者 张三 通讯员 李四" → credits; "张三 李四" → names without a role; otherwise null. */
export function personCredits(text: string): { credits: Credit[]; noRole: boolean } | null {
  const t = text.trim().replace(/\u3000/g, ' ');
  if (!t || t.length > 80) return null;
  if (ROLE_START.test(t)) {
    try {
      return { credits: creditsOfText(t, 0), noRole: false };
    } catch {
      return null;
    }
  }
  if (NAMES_ONLY.test(t)) {
    return {
      credits: [{ kind: 'person', role: '', names: t.split(/[ 、]+/u).filter(Boolean) }],
      noRole: true,
    };
  }
  return null;
}

/**
 * A byline printed on its own line under the headline: "■中共某某县委组织部",
 * "本报记者 张三", or (when `namesOnly`) bare names "张三 李四".
 */
export function readBylineLine(
  text: string,
  namesOnly: boolean,
): { credits: Credit[]; noRole: boolean } | null {
  const t = text.trim();
  if (t.startsWith('■')) {
    const credits: Credit[] = [];
    for (const part of t
      .split('■')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const persons = ROLE_START.test(part) ? personCredits(part) : null;
      if (persons) credits.push(...persons.credits);
      else if (part.length <= 80 && !/[。，；！？]/u.test(part))
        credits.push({ kind: 'organisation', name: part });
      else return null;
    }
    return credits.length ? { credits, noRole: false } : null;
  }
  if (t.length > 40) return null;
  const read = personCredits(t);
  if (!read) return null;
  if (read.noRole && !namesOnly) return null;
  return read;
}

/** An end byline "（张三）" / "（记者 张三）", or null. Never a jump line. */
export function readEndByline(text: string): { credits: Credit[]; noRole: boolean } | null {
  const m = /^[（(]([^（）()]{2,40})[）)]$/u.exec(text.trim());
  if (!m || readJump(text)) return null;
  return personCredits(m[1] as string);
}

const JUMP = /^[（(]\s*(上接|下转|接上|转)\s*(?:第)?\s*([A-Z]\d{1,2})\s*版?\s*[）)]$/u;

/** "（下转B7版）" → to B7; "（上接 B6版）" → from B6. */
export function readJump(text: string): { direction: 'from' | 'to'; page: string } | null {
  const m = JUMP.exec(text.trim());
  if (!m || !PAGE_NAME.test(m[2] as string)) return null;
  return { direction: m[1] === '上接' || m[1] === '接上' ? 'from' : 'to', page: m[2] as string };
}

export type CaptionCredit = Pick<Photo, 'creditName' | 'creditKind' | 'creditPrinted'>;

/**
 * A line that is only a photo credit: "孙凯芳 摄", "某某县委组织部供图", "■本报记者 张三 摄",
 * or one of these in brackets, "（孙凯芳 摄）" / "(孙凯芳 摄)": read without them, the
 * printed form kept (the copy rules judge its brackets).
 */
export function readCreditLine(text: string): CaptionCredit | null {
  const bracketed = /^[（(][ \u3000]*([^（）()]+?)[ \u3000]*[）)]$/u.exec(text.trim());
  if (bracketed) {
    const inner = readPlainCreditLine(bracketed[1] as string);
    return inner ? { ...inner, creditPrinted: text.trim() } : null;
  }
  return readPlainCreditLine(text);
}

function readPlainCreditLine(text: string): CaptionCredit | null {
  const t = text.trim().replace(/^■/u, '').trim();
  if (t.length > 40 || /[。，；！？]/u.test(t)) return null;
  let m = /^(.{1,36}?)[ \u3000]*摄$/u.exec(t);
  if (m) return { creditName: (m[1] as string).trim(), creditKind: '摄' };
  m = /^(.{1,36}?)[ \u3000]*供图$/u.exec(t);
  if (m) return { creditName: (m[1] as string).trim(), creditKind: '供图' };
  m = /^图[/／:：]?[ \u3000]*(.{1,36})$/u.exec(t);
  if (m && personCredits(m[1] as string)) return { creditName: (m[1] as string).trim(), creditKind: '图' };
  return null;
}

/** A caption whose credit is printed after it on the same line: "图为……。 孙凯芳 摄", "……（张三 摄）". */
export function splitCaptionCredit(text: string): { caption: string; credit: CaptionCredit | null } {
  const t = text.trim();
  const paren = /^(.*?)[ \u3000]*[（(]([^（）()]{1,36}?)[ \u3000]*(摄|供图)[）)]$/u.exec(t);
  if (paren && paren[1]) {
    return {
      caption: (paren[1] as string).trim(),
      credit: { creditName: (paren[2] as string).trim(), creditKind: paren[3] as '摄' | '供图' },
    };
  }
  const tail = /^(.*[。！？”）])[ \u3000]*([^。！？”）]{1,36}?)[ \u3000]*(摄|供图)$/u.exec(t);
  if (tail && tail[1]) {
    return {
      caption: (tail[1] as string).trim(),
      credit: { creditName: (tail[2] as string).trim(), creditKind: tail[3] as '摄' | '供图' },
    };
  }
  return { caption: t, credit: null };
}

/** Whether a line reads as a caption: "图为……", "图：……", or text followed by its credit. */
export function looksLikeCaption(text: string): boolean {
  const t = text.trim();
  return /^(图为|图[:：]|上图|下图|左图|右图)/u.test(t) || splitCaptionCredit(t).credit !== null;
}

/** The 副题 marker: "——" (U+2014 ×2); "—", "--", "－－", "──" are fixed to it. */
export function readSubheadlineDash(text: string): { text: string; fixed: boolean } | null {
  const t = text.trim();
  if (t.startsWith('——')) return { text: t, fixed: false };
  const m = /^(?:—|－－|--|──|─|―{1,2}|-{1,2})\s*/u.exec(t);
  if (!m || t.length === m[0].length) return null;
  return { text: `——${t.slice(m[0].length)}`, fixed: true };
}

/**
 * Whether a line ends a sentence: 。！？…； (or a closing quote or bracket right
 * after one). A line that does not was cut, by a column break or a page break.
 */
export function endsSentence(line: string): boolean {
  const t = line.trimEnd();
  if (/[。！？…；!?]$/u.test(t)) return true;
  return /[。！？…!?][”’」』）)]+$/u.test(t);
}
