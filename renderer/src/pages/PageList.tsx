/** The page plans, newest date first: a listbox (↑/↓ move, Enter or a click opens) and "new page". */
import { useRef, type KeyboardEvent } from 'react';

import type { PageListItem } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import type { PageRef } from './use-page';

type Props = {
  items: PageListItem[] | null;
  selected: PageRef | null;
  onSelect: (ref: PageRef) => void;
  onNew: () => void;
};

const same = (a: PageRef | null, b: PageRef) => a !== null && a.name === b.name && a.date === b.date;

export function PageList({ items, selected, onSelect, onNew }: Props) {
  const { t } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (!items?.length || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    event.preventDefault();
    const at = items.findIndex((p) => same(selected, p));
    const next = items[Math.max(0, Math.min(items.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) onSelect({ name: next.name, date: next.date });
  };

  return (
    <nav className="page-list" aria-label={t('pages.list.label')}>
      <div className="page-list-actions">
        <button type="button" className="primary" data-testid="page-new" onClick={onNew}>
          {t('pages.list.new')}
        </button>
      </div>
      {items === null ? (
        <p className="page-list-empty">{t('pages.list.loading')}</p>
      ) : items.length === 0 ? (
        <p className="page-list-empty" data-testid="page-list-empty">
          {t('pages.list.none')}
        </p>
      ) : (
        <ul
          ref={listRef}
          className="page-list-items"
          role="listbox"
          aria-label={t('pages.list.label')}
          tabIndex={0}
          aria-activedescendant={selected ? `page-${selected.name}-${selected.date}` : undefined}
          onKeyDown={onKeyDown}
          data-testid="page-list"
        >
          {items.map((p) => (
            <li
              key={`${p.name}-${p.date}`}
              id={`page-${p.name}-${p.date}`}
              role="option"
              aria-selected={same(selected, p)}
              className={`page-list-item${same(selected, p) ? ' selected' : ''}`}
              data-testid="page-list-item"
              data-page={`${p.name}-${p.date}`}
              onClick={() => {
                onSelect({ name: p.name, date: p.date });
                listRef.current?.focus();
              }}
            >
              <span className="page-list-name">{p.name}</span>
              <span className="page-list-date">{p.date}</span>
              <span className="page-list-meta">
                {p.edition && <span>{p.edition}</span>}
                <span>{t('pages.list.filled', { filled: p.filled, slots: p.slots })}</span>
                {p.publishedAt ? (
                  <span className="tag tag-signed">{t('pages.list.published')}</span>
                ) : p.exportedAt ? (
                  <span className="tag">{t('pages.list.exported')}</span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
