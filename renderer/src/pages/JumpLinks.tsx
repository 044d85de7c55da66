/**
 * Jump lines of the page linked across pages (下转/上接): which story here continues on
 * (or from) which page, and the story there. Each link is one entry of the plan's
 * `jumps`; the preflight warns about a story's jump line with no link.
 */
import { useState, type FormEvent } from 'react';

import {
  PAGE_NAME,
  type PageJumpLink,
  type PagePlan,
  type PagePlanContent,
  type StorySummary,
} from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { contentOfPlan } from './use-page';

type Props = {
  plan: PagePlan;
  stories: StorySummary[];
  onChange: (content: PagePlanContent) => void;
};

export function JumpLinks({ plan, stories, onChange }: Props) {
  const { t } = useI18n();
  const byId = new Map(stories.map((s) => [s.id, s]));
  const placed = plan.slots.flatMap((s) => (s.storyId && byId.has(s.storyId) ? [byId.get(s.storyId)!] : []));
  const [storyId, setStoryId] = useState('');
  const [direction, setDirection] = useState<PageJumpLink['direction']>('to');
  const [page, setPage] = useState('');
  const [target, setTarget] = useState('');
  const candidates = PAGE_NAME.test(page) ? stories.filter((s) => s.page === page) : [];
  const headline = (id: string | null) => (id ? byId.get(id)?.headline || t('list.untitled') : '');

  const setJumps = (jumps: PageJumpLink[]) => onChange({ ...contentOfPlan(plan), jumps });
  const add = (event: FormEvent) => {
    event.preventDefault();
    const chosen = storyId || placed[0]?.id;
    if (!chosen || !PAGE_NAME.test(page) || page === plan.name) return;
    setJumps([...plan.jumps, { storyId: chosen, direction, page, targetStoryId: target || null }]);
    setPage('');
    setTarget('');
  };

  return (
    <section className="page-jumps" aria-labelledby="page-jumps-title">
      <div className="page-section-head">
        <h2 id="page-jumps-title">{t('pages.jumps.title')}</h2>
      </div>
      {plan.jumps.length === 0 ? (
        <p className="muted">{t('pages.jumps.none')}</p>
      ) : (
        <ul className="jump-list" data-testid="jump-list">
          {plan.jumps.map((j, i) => (
            <li key={`${j.storyId}-${j.direction}-${j.page}-${i}`} data-testid="jump-link">
              <span>
                {t('pages.jumps.line', {
                  headline: headline(j.storyId),
                  direction: t(j.direction === 'to' ? 'pages.jumps.to' : 'pages.jumps.from'),
                  page: j.page,
                })}
              </span>
              <span className="muted">
                {j.targetStoryId
                  ? t('pages.jumps.target', { headline: headline(j.targetStoryId) || j.targetStoryId })
                  : t('pages.jumps.targetNone')}
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('pages.jumps.remove')}
                title={t('pages.jumps.remove')}
                onClick={() => setJumps(plan.jumps.filter((_, k) => k !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {placed.length > 0 && (
        <form className="jump-form" onSubmit={add}>
          <select
            aria-label={t('pages.jumps.story')}
            value={storyId}
            onChange={(e) => setStoryId(e.target.value)}
          >
            {placed.map((s) => (
              <option key={s.id} value={s.id}>
                {s.headline || t('list.untitled')}
              </option>
            ))}
          </select>
          <select
            aria-label={t('pages.jumps.direction')}
            value={direction}
            onChange={(e) => setDirection(e.target.value as PageJumpLink['direction'])}
          >
            <option value="to">{t('pages.jumps.to')}</option>
            <option value="from">{t('pages.jumps.from')}</option>
          </select>
          <input
            className="jump-page"
            aria-label={t('pages.jumps.page')}
            placeholder="B7"
            maxLength={3}
            value={page}
            onChange={(e) => setPage(e.target.value.toUpperCase().trim())}
          />
          <select
            aria-label={t('pages.jumps.targetStory')}
            value={target}
            disabled={candidates.length === 0}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">{t('pages.jumps.targetNone')}</option>
            {candidates.map((s) => (
              <option key={s.id} value={s.id}>
                {s.headline || t('list.untitled')}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!PAGE_NAME.test(page) || page === plan.name}>
            {t('pages.jumps.add')}
          </button>
        </form>
      )}
    </section>
  );
}
