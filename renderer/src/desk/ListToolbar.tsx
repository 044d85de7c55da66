import { useState, type RefObject } from 'react';

import { PAGE_NAME, STORY_SORTS, STORY_STATUSES, type StoryQuery } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';

type Props = {
  query: StoryQuery;
  onQuery: (patch: Partial<StoryQuery>) => void;
  searchRef: RefObject<HTMLInputElement | null>;
};

/** Search, status and page filters, sort: everything that shapes the list's query. */
export function ListToolbar({ query, onQuery, searchRef }: Props) {
  const { t } = useI18n();
  const [pageText, setPageText] = useState(query.page ?? '');
  const pageInvalid = pageText !== '' && !PAGE_NAME.test(pageText);

  return (
    <div className="list-toolbar">
      <input
        ref={searchRef}
        type="search"
        className="list-search"
        placeholder={t('list.search')}
        aria-label={t('list.searchLabel')}
        data-testid="story-search"
        value={query.text}
        maxLength={200}
        onChange={(e) => onQuery({ text: e.target.value })}
      />
      <div className="list-filters">
        <select
          aria-label={t('list.status')}
          data-testid="status-filter"
          value={query.status ?? ''}
          onChange={(e) => onQuery({ status: (e.target.value || null) as StoryQuery['status'] })}
        >
          <option value="">{t('list.statusAll')}</option>
          {STORY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <input
          className={`list-page${pageInvalid ? ' invalid' : ''}`}
          aria-label={t('list.page')}
          aria-invalid={pageInvalid}
          placeholder={t('list.pagePlaceholder')}
          data-testid="page-filter"
          value={pageText}
          maxLength={3}
          onChange={(e) => {
            const text = e.target.value.trim().toUpperCase();
            setPageText(text);
            if (text === '') onQuery({ page: null });
            else if (PAGE_NAME.test(text)) onQuery({ page: text });
          }}
        />
        <select
          aria-label={t('list.sort')}
          data-testid="sort-select"
          value={query.sort}
          onChange={(e) => onQuery({ sort: e.target.value as StoryQuery['sort'] })}
        >
          {STORY_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`list.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
