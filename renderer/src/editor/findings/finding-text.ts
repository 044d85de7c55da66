/**
 * How a finding reads in the UI: its message in the UI language (the catalog's
 * `check.<rule>` key, else the English `message` the rule wrote, so a new rule
 * still says something), its family, and where it is.
 */
import type { Finding, FindingLocation } from '../../../../shared/checks/finding';
import { RULE_FAMILIES } from '../../../../shared/checks/rule-families';
import { isMessageKey, type MessageKey, type Translator } from '../../app/i18n/i18n';

export function findingMessage(i18n: Translator, finding: Finding): string {
  return i18n.tKey(finding.messageKey, finding.params) ?? finding.message;
}

/** The family of a rule id: its first part ("punct.halfwidth" → punct; "duplicate.run" → duplicates). */
export function familyOf(rule: string): string {
  const head = rule.split('.')[0] ?? rule;
  return head === 'duplicate' ? 'duplicates' : head;
}

/** Families in the order RULE_FAMILIES lists them, any other after them. */
export function familyOrder(name: string): number {
  const i = RULE_FAMILIES.findIndex((f) => f.name === name);
  return i < 0 ? RULE_FAMILIES.length : i;
}

export function familyLabel(i18n: Translator, name: string): string {
  const key = `findings.family.${name}`;
  return isMessageKey(key) ? i18n.t(key) : i18n.t('findings.family.other', { name });
}

const FIELD_KEYS: Record<string, MessageKey> = {
  kicker: 'findings.field.kicker',
  headline: 'findings.field.headline',
  subheadline: 'findings.field.subheadline',
  dateline: 'findings.field.dateline',
  caption: 'findings.field.caption',
};

/**
 * Where a location is, for a person: "第3段", "主题", "图片说明（第5段）"; in another story
 * of the page its headline first; in the archive the archived story's title and date.
 */
export function whereLabel(
  i18n: Translator,
  location: FindingLocation,
  storyId: string,
  titles: ReadonlyMap<string, string>,
  finding?: Finding,
): string {
  const place =
    location.field === 'body' && location.paragraph !== undefined
      ? i18n.t('findings.where.paragraph', { n: location.paragraph + 1 })
      : FIELD_KEYS[location.field]
        ? i18n.t(FIELD_KEYS[location.field]!)
        : location.field;
  if (location.story === storyId) return place;
  const title = titles.get(location.story);
  if (title !== undefined)
    return i18n.t('findings.where.otherStory', { title: title || i18n.t('list.untitled'), place });
  if (finding?.rule === 'duplicate.archive') {
    return i18n.t('findings.where.archive', {
      title: String(finding.params.twinHeadline ?? location.story),
      date: String(finding.params.date ?? ''),
    });
  }
  return i18n.t('findings.where.otherStory', { title: location.story, place });
}

/** Long texts shortened for a tooltip or a list row. */
export function excerpt(text: string, max = 40): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
