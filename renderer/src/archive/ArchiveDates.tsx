/**
 * The browse column: every date of the archive, newest first, with its pages and
 * story counts; a virtualised listbox, so years of pages render only what is on
 * screen. Arrows, Page Up/Down, Home/End pick a date.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';

import type { ArchiveCalendar } from '../../../shared/import/import-contract';
import { useI18n } from '../app/i18n/i18n';

const ROW_HEIGHT = 46;

type Props = {
  dates: ArchiveCalendar['dates'];
  selected: string | null;
  onSelect: (date: string) => void;
};

export function ArchiveDates({ dates, selected, onSelect }: Props) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: dates.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => dates[i]?.date ?? i,
  });
  const index = selected ? dates.findIndex((d) => d.date === selected) : -1;

  useEffect(() => {
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [index, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (dates.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index < 0 ? 0 : index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: dates.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = dates[Math.min(dates.length - 1, Math.max(0, target))];
    if (next) onSelect(next.date);
  };

  return (
    <div
      ref={scrollRef}
      className="archive-dates"
      role="listbox"
      tabIndex={0}
      aria-label={t('archive.datesLabel')}
      aria-activedescendant={selected ? `archive-date-${selected}` : undefined}
      data-testid="archive-dates"
      onKeyDown={onKeyDown}
    >
      <div className="archive-dates-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const day = dates[row.index];
          if (!day) return null;
          const pages = day.pages.map((p) => p.page || '—');
          return (
            <div
              key={row.key}
              id={`archive-date-${day.date}`}
              role="option"
              aria-selected={day.date === selected}
              className={`archive-date${day.date === selected ? ' selected' : ''}`}
              data-testid="archive-date"
              data-date={day.date}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onClick={() => onSelect(day.date)}
            >
              <span className="archive-date-day">{day.date}</span>
              <span className="archive-date-count">{t('archive.dateCount', { count: day.count })}</span>
              <span className="archive-date-pages">
                {pages.slice(0, 6).join(' ')}
                {pages.length > 6 ? ' …' : ''}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
