/**
 * "Nobody can sign 终审" in the reader's language (issue 19), from the workflow's own
 * check (shared/review/workflow.ts `signersFor`): the story screen and the queue say
 * it with the same words.
 */
import type { SignerCheck } from '../../../shared/review/workflow';
import { nobodyToSignRefusal } from '../../../shared/review/workflow';
import type { Translator } from '../app/i18n/i18n';

export function stuckText(check: SignerCheck, { t }: Pick<Translator, 't'>): string {
  const level = t(`level.${check.level}`);
  const why =
    check.blocked.length === 0
      ? t('review.stuck.noHolder', { level })
      : check.blocked
          .map((b) =>
            b.signed
              ? t('review.stuck.signed', { name: b.name, level: t(`level.${b.signed}`) })
              : t('review.stuck.own', { name: b.name }),
          )
          .join('；');
  const refusal = nobodyToSignRefusal(check);
  const key = refusal.key === 'review.stuck.give' ? 'review.stuck.give' : 'review.stuck.add';
  return t(key, { level, why, candidates: check.candidates.map((c) => c.name).join('、') });
}
