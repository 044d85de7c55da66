import { memo, type MouseEvent } from 'react';

import type { StorySummary } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { useOptionalCheckout } from '../checkout/CheckoutContext';
import { formatSince, type ClickMods } from '../checkout/checkout-view';
import { formatUpdated } from './format-time';
import { StatusBadge } from './StatusBadge';
import { useStoryStatus } from './story-status';

type Props = {
  story: StorySummary;
  selected: boolean;
  /** Shown with a checkbox (while connected: stories are checked to be taken away together). */
  checkable: boolean;
  checked: boolean;
  onOpen: (id: string) => void;
  /** A click with Ctrl/⌘ or Shift, or on the checkbox: checks rows instead of opening one. */
  onCheck: (id: string, mods: ClickMods) => void;
};

/** One row of the list: kicker over headline, byline, region, page/slot, status, 字数, time, and who took it away. */
export const StoryRow = memo(function StoryRow({
  story,
  selected,
  checkable,
  checked,
  onOpen,
  onCheck,
}: Props) {
  const { t, locale } = useI18n();
  const live = useStoryStatus(story.id, { status: story.status, revision: story.rev })!;
  const checkout = useOptionalCheckout();
  const away = checkout?.itemOf(story.id);
  const mineAway = away !== undefined && checkout?.mine.some((i) => i.storyId === story.id) === true;
  const unavailable = checkout?.offline === true && !mineAway;
  const place = story.page
    ? story.slot
      ? `${story.page} · ${t('list.slot', { slot: story.slot })}`
      : story.page
    : t('list.noPage');
  const onClick = (event: MouseEvent) => {
    const mods = { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey };
    if (checkable && (mods.toggle || mods.range)) {
      event.preventDefault();
      onCheck(story.id, mods);
    } else onOpen(story.id);
  };
  return (
    <div
      id={`story-row-${story.id}`}
      role="option"
      aria-selected={selected}
      aria-checked={checkable ? checked : undefined}
      className={`story-row${checkable ? ' checkable' : ''}${selected ? ' selected' : ''}${checked ? ' checked' : ''}${unavailable ? ' unavailable' : ''}`}
      data-testid="story-row"
      data-story-id={story.id}
      data-checked={checkable ? checked : undefined}
      title={unavailable ? t('checkout.offline.needsServer') : undefined}
      onClick={onClick}
    >
      {checkable && (
        <input
          type="checkbox"
          className="story-row-check"
          data-testid="story-row-check"
          tabIndex={-1}
          checked={checked}
          aria-label={t('checkout.check', { headline: story.headline || t('list.untitled') })}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) =>
            onCheck(story.id, {
              toggle: true,
              range: (e.nativeEvent as globalThis.MouseEvent).shiftKey === true,
            })
          }
        />
      )}
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
          {away && (
            <span
              className={`story-row-away${mineAway ? ' mine' : ''}`}
              data-testid="story-row-away"
              title={t('checkout.heldBy', {
                name: away.holder.name,
                desk: away.desk,
                since: formatSince(away.since, locale),
              })}
            >
              {mineAway ? t('checkout.rowMine') : t('checkout.rowOther', { name: away.holder.name })}
            </span>
          )}
          {checkout?.conflictOf(story.id) && (
            <span className="story-row-conflict" data-testid="story-row-conflict">
              {t('checkout.rowConflict')}
            </span>
          )}
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
