import { memo } from 'react';

import type { StorySummary } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { formatUpdated } from './format-time';
import { StatusBadge } from './StatusBadge';
import { useStoryStatus } from './story-status';

type Props = {
  story: StorySummary;
  selected: boolean;
  onOpen: (id: string) => void;
};

/** One row of the list: kicker over headline, byline, region, page/slot, status, 字数, time. */
export const StoryRow = memo(function StoryRow({ story, selected, onOpen }: Props) {
  const { t, locale } = useI18n();
  const live = useStoryStatus(story.id, { status: story.status, revision: story.rev })!;
  const place = story.page
    ? story.slot
      ? `${story.page} · ${t('list.slot', { slot: story.slot })}`
      : story.page
    : t('list.noPage');
  return (
    <div
      id={`story-row-${story.id}`}
      role="option"
      aria-selected={selected}
      className={`story-row${selected ? ' selected' : ''}`}
      data-testid="story-row"
      data-story-id={story.id}
      onClick={() => onOpen(story.id)}
    >
      <div className="story-row-main">
        {story.kicker && <div className="story-row-kicker">{story.kicker}</div>}
        <div
          className={`story-row-headline${story.headline ? '' : ' untitled'}`}
          data-testid="story-row-headline"
        >
          {story.headline || t('list.untitled')}
        </div>
        <div className="story-row-meta">
          <span className="story-row-byline">{story.byline || t('list.noByline')}</span>
          {story.region && <span className="story-row-region">{story.region}</span>}
        </div>
      </div>
      <div className="story-row-side">
        <StatusBadge status={live.status} />
        <span className="story-row-place">{place}</span>
        <span className="story-row-chars">
          {t('list.chars', { count: story.chars })} ·{' '}
          <time dateTime={story.updatedAt}>{formatUpdated(story.updatedAt, locale)}</time>
        </span>
      </div>
    </div>
  );
});
