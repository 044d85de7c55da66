/**
 * Photo captions and credits (domain §1: "图为4月10日，工人在……。 孙凯芳 摄"):
 * - captions.missing (error): every photo has a caption;
 * - captions.missing-credit (error): every photo has a credit (a name: it counts double);
 * - captions.credit-form (warning): the credit name repeats the marker its kind prints
 *   (creditName "孙凯芳 摄" with kind 摄 prints "孙凯芳 摄 摄"); the fix drops it;
 * - captions.credit-in-caption (warning): the caption text ends with a credit, which
 *   belongs in the credit field;
 * - captions.end-stop (error, a text rule): the caption ends with a full stop before the credit.
 */
import type { Finding } from '../finding';
import {
  makeFinding,
  photoBlocks,
  wholeLocation,
  type Hit,
  type StoryRule,
  type TextRule,
} from '../copy-text';

function photoLocation(story: string, field: string, text: string, paragraph: number | undefined) {
  return wholeLocation(story, field, text, paragraph);
}

export const missingCaptionRule: StoryRule = {
  id: 'captions.missing',
  family: 'captions',
  scope: 'story',
  severity: 'error',
  message: 'Photo {photo} has no caption',
  check(story) {
    const blocks = photoBlocks(story);
    return story.content.photos
      .filter((p) => p.caption.trim() === '')
      .map((p) =>
        makeFinding(missingCaptionRule, [photoLocation(story.key, 'caption', p.caption, blocks.get(p.id))], {
          photo: p.id,
        }),
      );
  },
};

export const missingCreditRule: StoryRule = {
  id: 'captions.missing-credit',
  family: 'captions',
  scope: 'story',
  severity: 'error',
  nameOrDate: true,
  message: 'Photo {photo} has no credit (…摄, …供图, 图 …)',
  check(story) {
    const blocks = photoBlocks(story);
    return story.content.photos
      .filter((p) => p.creditName.trim() === '')
      .map((p) =>
        makeFinding(missingCreditRule, [photoLocation(story.key, 'credit', p.creditName, blocks.get(p.id))], {
          photo: p.id,
        }),
      );
  },
};

const MARKERS: Record<string, RegExp> = {
  摄: /[ \u3000]*(?:摄影|摄)$/u,
  供图: /[ \u3000]*(?:供图|提供)$/u,
  图: /^(?:图[/／]文|图)[ \u3000:：]*/u,
};

export const creditFormRule: StoryRule = {
  id: 'captions.credit-form',
  family: 'captions',
  scope: 'story',
  severity: 'warning',
  message: 'The credit "{name}" already carries "{kind}", which is printed once from the credit kind',
  check(story) {
    const out: Finding[] = [];
    const blocks = photoBlocks(story);
    for (const p of story.content.photos) {
      const re = MARKERS[p.creditKind];
      if (!re || !re.test(p.creditName)) continue;
      const right = p.creditName.replace(re, '').trim();
      const fix = right ? { replacement: right } : undefined;
      out.push(
        makeFinding(
          creditFormRule,
          [photoLocation(story.key, 'credit', p.creditName, blocks.get(p.id))],
          { name: p.creditName, kind: p.creditKind },
          fix,
        ),
      );
    }
    return out;
  },
};

/** A credit at the end of caption text: "… 孙凯芳 摄", "…某某供图", "■本报记者 某某 摄". */
const CREDIT_TAIL =
  /[ \u3000]+■?[\p{Script=Han}·]{0,6}(?:记者|通讯员)?[ \u3000]*[\p{Script=Han}·]{2,12}[ \u3000]*摄$|[ \u3000]+[\p{Script=Han}]{2,30}供图$/u;

export const creditInCaptionRule: TextRule = {
  id: 'captions.credit-in-caption',
  family: 'captions',
  scope: 'text',
  severity: 'warning',
  kinds: ['caption'],
  message: 'The caption ends with a credit ("{credit}"): put it in the photo\'s credit field',
  check(text) {
    const m = CREDIT_TAIL.exec(text.trimEnd());
    return m ? [{ start: m.index, end: m.index + m[0].length, params: { credit: m[0].trim() } }] : [];
  },
};

const STOPS = '。！？…';

export const captionEndStopRule: TextRule = {
  id: 'captions.end-stop',
  family: 'captions',
  scope: 'text',
  severity: 'error',
  kinds: ['caption'],
  message: 'A caption ends with a full stop before the credit',
  check(text) {
    let body = text.trimEnd();
    const credit = CREDIT_TAIL.exec(body);
    if (credit) body = body.slice(0, credit.index).trimEnd();
    if (!body) return [];
    const end = body.length;
    let last = body[end - 1]!;
    let before = end - 1;
    // A closing quote or bracket after the stop: "……。”"
    while ('”’）》'.includes(last) && before > 0) last = body[--before]!;
    if (STOPS.includes(last)) return [];
    // The last character may be astral (two UTF-16 units): replace it whole.
    const lastChar = Array.from(body.slice(-2)).pop()!;
    const at = end - lastChar.length;
    const hit: Hit = '，,；;：:.、'.includes(lastChar)
      ? { start: at, end, replacement: '。' }
      : { start: at, end, replacement: `${lastChar}。` };
    return [hit];
  },
};
