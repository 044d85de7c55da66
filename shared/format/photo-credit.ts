/**
 * A photo credit as the page prints it (domain §1): "孙凯芳 摄", "某某县委宣传部供图",
 * "图 张三". The format keeps the printed form so a person writes what they see.
 */
import type { Photo } from '../model';
import { StoryFormatError } from './story-format-error';
import { escapeText, unescapeText } from './story-text-escape';

export type PhotoCredit = Pick<Photo, 'creditName' | 'creditKind' | 'creditPrinted'>;

/** A credit printed in brackets, full- or half-width: "（刘建华 摄）", "(刘建华 摄)". */
const BRACKETED = /^[（(][ \u3000]*(.*?)[ \u3000]*[）)]$/u;

/** The printed credit; no escaping. */
export function photoCreditText(credit: PhotoCredit): string {
  switch (credit.creditKind) {
    case '摄':
      return `${credit.creditName} 摄`.trim();
    case '供图':
      return `${credit.creditName}供图`;
    case '图':
      return `图 ${credit.creditName}`.trim();
  }
}

/**
 * Reads a credit in its escaped form (as it stands between the quotes of a photo
 * line). The kind is decided on the raw text, so an escaped character never counts
 * as a marker: "<name>供图", then "<name> 摄" (space optional), then "图 <name>"
 * (space or "/" optional). A credit in brackets, "（刘建华 摄）" or "(刘建华 摄)", is read
 * without them and keeps its printed form in `creditPrinted`, for the copy rules.
 */
export function parsePhotoCredit(raw: string, line: number): PhotoCredit {
  const bracketed = BRACKETED.exec(raw);
  if (bracketed) {
    const inner = parsePlainCredit(bracketed[1] as string, line, raw);
    return { ...inner, creditPrinted: unescapeText(raw, line) };
  }
  return parsePlainCredit(raw, line, raw);
}

function parsePlainCredit(raw: string, line: number, whole: string): PhotoCredit {
  if (raw.endsWith('供图')) {
    return { creditKind: '供图', creditName: unescapeText(stripOne(raw.slice(0, -2), 'end'), line) };
  }
  if (raw.endsWith('摄')) {
    return { creditKind: '摄', creditName: unescapeText(stripOne(raw.slice(0, -1), 'end'), line) };
  }
  if (raw.startsWith('图')) {
    const rest = raw.slice(1);
    const name = rest.startsWith('/') || rest.startsWith('／') ? rest.slice(1) : stripOne(rest, 'start');
    return { creditKind: '图', creditName: unescapeText(name, line) };
  }
  throw new StoryFormatError(
    line,
    `photo credit "${whole}" is not "<name> 摄", "<organisation>供图" or "图 <name>" (brackets around it are read too)`,
    'badCredit',
    { value: whole },
  );
}

/** One space between name and marker is part of the form, not of the name. */
function stripOne(text: string, side: 'start' | 'end'): string {
  if (side === 'end') return text.endsWith(' ') ? text.slice(0, -1) : text;
  return text.startsWith(' ') ? text.slice(1) : text;
}

/**
 * The escaped credit for a photo line, `special` being the characters that end the
 * field. When the plain form would read back differently (a name that itself ends
 * in 摄, or starts or ends with a space), the name's first and last characters are
 * written as code-point escapes, which no marker test can match.
 */
export function writePhotoCredit(credit: PhotoCredit, special: string): string {
  if (credit.creditPrinted !== undefined) {
    const printed = escapeText(credit.creditPrinted, special);
    if (sameCredit(printed, credit)) return printed;
  }
  const plain = formatWith(escapeText(credit.creditName, special), credit.creditKind);
  if (sameCredit(plain, credit)) return plain;
  const chars = Array.from(credit.creditName);
  const hex = (ch: string) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`;
  const guarded =
    chars.length === 1
      ? hex(chars[0] as string)
      : hex(chars[0] as string) +
        escapeText(chars.slice(1, -1).join(''), special) +
        hex(chars[chars.length - 1] as string);
  return formatWith(guarded, credit.creditKind);
}

function formatWith(name: string, kind: PhotoCredit['creditKind']): string {
  if (kind === '摄') return name ? `${name} 摄` : '摄';
  if (kind === '供图') return `${name}供图`;
  return name ? `图 ${name}` : '图';
}

function sameCredit(raw: string, credit: PhotoCredit): boolean {
  try {
    const back = parsePhotoCredit(raw, 0);
    return (
      back.creditKind === credit.creditKind &&
      back.creditName === credit.creditName &&
      back.creditPrinted === credit.creditPrinted
    );
  } catch {
    return false;
  }
}
