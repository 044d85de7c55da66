/**
 * The archive screen (资料库): published stories and past pages by date and page
 * (dates → that day's pages and stories → the story), full-text search in Chinese
 * (ranked, hits marked in a snippet, count and time shown), a story read-only, and
 * 导入往期版面. Opened from a duplicate finding (`openId`), the archived twin is
 * shown with the finding's characters marked.
 *
 * Keyboard: / or Ctrl+F focuses the search; ↑↓ (from the search box or in the list)
 * move through the results or stories, Enter opens one; Escape in the search box
 * clears it.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';

import { archiveIdParts, type ArchivedSummary } from '../../../shared/archive-search';
import type { ArchiveCalendar } from '../../../shared/import/import-contract';
import { describeError } from '../app/describe-error';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { isEditableTarget } from '../app/use-shortcuts';
import { takeReveal } from '../editor/findings/pending-reveal';
import { desk } from '../platform/desk-client';
import { ArchiveDates } from './ArchiveDates';
import { ArchiveReader, type ArchiveReveal } from './ArchiveReader';
import { MarkedText } from './MarkedText';
import { PageImportDialog } from './PageImportDialog';
import { useArchiveSearch } from './use-archive-search';
import './archive.css';

type Props = {
  /** An archived story to show at once (a duplicate finding's "also appeared in …" link). */
  openId: string | null;
};

/** A row of the middle column: a story of the picked date, or a search hit. */
type Row = ArchivedSummary & { snippet?: string; highlights?: Array<[number, number]> };

export function ArchiveView({ openId }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { showError } = useFeedback();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [calendar, setCalendar] = useState<ArchiveCalendar | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [day, setDay] = useState<ArchivedSummary[]>([]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const [reader, setReader] = useState<{ id: string; reveal: ArchiveReveal | null; query: string } | null>(
    null,
  );
  const [importing, setImporting] = useState(false);
  const search = useArchiveSearch(query);
  const revealFor = useRef<{ id: string; reveal: ArchiveReveal | null } | null>(null);

  const loadCalendar = useCallback(async () => {
    try {
      const next = await desk['archive.calendar']({});
      setCalendar(next);
      setDate((d) => d ?? next.dates[0]?.date ?? null);
    } catch (err) {
      showError(err, 'safe.nothingChanged', () => void loadCalendar());
    }
  }, [showError]);

  useEffect(() => void loadCalendar(), [loadCalendar]);

  useEffect(() => {
    if (!date) {
      setDay([]);
      return;
    }
    let live = true;
    desk['archive.list']({ date, limit: 5000 }).then(
      (answer) => live && setDay(answer.items),
      (err: unknown) => live && showError(err, 'safe.nothingChanged'),
    );
    return () => {
      live = false;
    };
  }, [date, showError]);

  // From a finding: that story, its date picked in the browse column, the finding's characters marked.
  useEffect(() => {
    if (!openId) return;
    // A ref, not state: the pending place is taken once, even if the effect runs twice.
    if (revealFor.current?.id !== openId) {
      const location = takeReveal(openId);
      revealFor.current = {
        id: openId,
        reveal:
          location && location.paragraph !== undefined
            ? { paragraph: location.paragraph, start: location.start, end: location.end }
            : null,
      };
    }
    setQuery('');
    setReader({ id: openId, reveal: revealFor.current.reveal, query: '' });
    const { date: when } = archiveIdParts(openId);
    if (when) setDate(when);
  }, [openId]);

  const searching = query.trim() !== '';
  const rows: Row[] = searching
    ? search.status === 'done'
      ? search.hits.map((h) => ({
          id: h.id,
          title: h.title,
          date: h.date,
          page: h.page,
          length: 0,
          snippet: h.snippet,
          highlights: h.highlights,
        }))
      : []
    : day;

  // A new list starts with nothing active.
  useEffect(() => setActive(-1), [rows.length, searching, date]);

  const open = (row: Row | undefined) => {
    if (!row) return;
    setReader({ id: row.id, reveal: null, query: searching ? query.trim() : '' });
  };

  const moveTo = (index: number) => {
    if (rows.length === 0) return;
    const next = Math.min(rows.length - 1, Math.max(0, index));
    setActive(next);
    listRef.current?.querySelector(`[data-index="${next}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  /** ↑↓ Home End move, Enter opens: in the list and from the search box alike. */
  const onListKey = (event: KeyboardEvent<HTMLElement>, fromSearch: boolean) => {
    if (event.nativeEvent.isComposing) return;
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1 };
    if (!fromSearch) Object.assign(moves, { Home: 0, End: rows.length - 1 });
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(rows[active >= 0 ? active : 0]);
    } else if (event.key === 'Escape' && fromSearch && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  // "/" and Ctrl+F focus the search while this screen is shown. The desk's own Ctrl+F
  // handler (use-shortcuts.ts) runs first on window and only serves the stories screen;
  // this listener, on the same target, still runs after it.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.isComposing || document.querySelector('dialog[open]')) return;
      const mod = event.ctrlKey || event.metaKey;
      const slash = event.key === '/' && !mod && !event.altKey && !isEditableTarget(event.target);
      const find = mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f';
      if (!slash && !find) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const status = (() => {
    if (!searching) return calendar ? t('archive.total', { count: calendar.total }) : '';
    if (search.status === 'failed') return describeError(search.error, i18n).message;
    if (search.status === 'done' && search.query === query.trim()) {
      if (search.hits.length === 0) return t('archive.noHits', { query: search.query, ms: search.ms });
      return t(search.capped ? 'archive.hitsCapped' : 'archive.hits', {
        count: search.hits.length,
        ms: search.ms,
      });
    }
    return search.status === 'searching' && search.slow ? t('archive.searchingSlow') : t('archive.searching');
  })();

  const empty = calendar !== null && calendar.total === 0;

  return (
    <main className="view-main archive" aria-label={t('archive.title')} data-testid="archive-view">
      <div className="archive-toolbar">
        <input
          ref={searchRef}
          type="search"
          className="archive-search"
          placeholder={t('archive.searchPlaceholder')}
          aria-label={t('archive.searchLabel')}
          aria-controls="archive-list"
          data-testid="archive-search"
          maxLength={200}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => onListKey(e, true)}
        />
        <span className="archive-status" aria-live="polite" data-testid="archive-search-status">
          {status}
        </span>
        <span className="archive-spacer" />
        <button
          type="button"
          data-testid="archive-import-page"
          title={t('archive.importPageTitle')}
          onClick={() => setImporting(true)}
        >
          {t('archive.importPage')}
        </button>
      </div>
      {empty ? (
        <p className="view-empty" data-testid="archive-empty">
          {t('archive.empty')}
        </p>
      ) : (
        <div className="archive-columns">
          <ArchiveDates
            dates={calendar?.dates ?? []}
            selected={date}
            onSelect={(d) => {
              setQuery('');
              setDate(d);
            }}
          />
          <div
            ref={listRef}
            id="archive-list"
            className="archive-list"
            role="listbox"
            tabIndex={0}
            aria-label={
              searching ? t('archive.resultsLabel') : t('archive.storiesLabel', { date: date ?? '' })
            }
            aria-activedescendant={rows[active] ? `archive-row-${active}` : undefined}
            data-testid={searching ? 'archive-results' : 'archive-day'}
            onKeyDown={(e) => onListKey(e, false)}
          >
            {!searching && !date && <p className="archive-hint">{t('archive.pickDate')}</p>}
            {rows.map((row, i) => (
              <ListRow
                key={row.id}
                row={row}
                index={i}
                pageHeader={!searching && (i === 0 || rows[i - 1]!.page !== row.page)}
                active={i === active}
                opened={reader?.id === row.id}
                onOpen={() => {
                  setActive(i);
                  open(row);
                }}
              />
            ))}
          </div>
          <ArchiveReader
            id={reader?.id ?? null}
            reveal={reader?.reveal ?? null}
            query={reader?.query ?? ''}
          />
        </div>
      )}
      {importing && (
        <PageImportDialog
          onClose={() => setImporting(false)}
          onImported={(when) => {
            setQuery('');
            setDate(when);
            void loadCalendar();
          }}
        />
      )}
    </main>
  );
}

function ListRow({
  row,
  index,
  pageHeader,
  active,
  opened,
  onOpen,
}: {
  row: Row;
  index: number;
  pageHeader: boolean;
  active: boolean;
  opened: boolean;
  onOpen: () => void;
}) {
  const { t } = useI18n();
  const hit = row.snippet !== undefined;
  return (
    <>
      {pageHeader && (
        <h3 className="archive-page-head" data-testid="archive-page-head">
          {row.page ? t('archive.page', { page: row.page }) : t('archive.pageNone')}
        </h3>
      )}
      <div
        id={`archive-row-${index}`}
        role="option"
        aria-selected={active}
        data-index={index}
        data-testid={hit ? 'archive-hit' : 'archive-story'}
        data-id={row.id}
        className={`archive-row${active ? ' active' : ''}${opened ? ' opened' : ''}`}
        onClick={onOpen}
      >
        <span className="archive-row-title">{row.title || t('archive.untitled')}</span>
        <span className="archive-row-meta">
          {hit
            ? `${row.date} · ${row.page ? t('archive.page', { page: row.page }) : t('archive.pageNone')}`
            : t('archive.chars', { count: row.length })}
        </span>
        {hit && row.snippet && (
          <span className="archive-snippet" data-testid="archive-snippet">
            <MarkedText text={row.snippet} ranges={row.highlights ?? []} markClass="archive-mark" />
          </span>
        )}
      </div>
    </>
  );
}
