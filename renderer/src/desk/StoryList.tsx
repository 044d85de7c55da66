/**
 * The story list: toolbar, actions and a virtualized listbox, so 15,000 rows
 * render only what is on screen. Keyboard: arrows, Page Up/Down, Home/End move
 * the selection (which opens the story); Enter moves focus to the headline.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

import type { StoryQuery, StorySummary } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { ImportStories } from '../import/ImportStories';
import { ListToolbar } from './ListToolbar';
import { StoryRow } from './StoryRow';

export const ROW_HEIGHT = 78;

type Props = {
  query: StoryQuery;
  onQuery: (patch: Partial<StoryQuery>) => void;
  items: readonly StorySummary[];
  total: number;
  loading: boolean;
  selectedId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  onDuplicate: () => void;
  onTrash: () => void;
  onRestore: () => void;
  onPurge: () => void;
  onEnter: () => void;
  /** Stories imported from files (导入稿件, or dropped on the list). */
  onImported: (ids: string[]) => void;
  searchRef: RefObject<HTMLInputElement | null>;
};

export function StoryList(props: Props) {
  const { query, items, selectedId, onOpen } = props;
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  const selectedIndex = selectedId ? items.findIndex((s) => s.id === selectedId) : -1;

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.nativeEvent.isComposing || items.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex < 0 ? 0 : selectedIndex - 1,
      PageDown: selectedIndex + page,
      PageUp: selectedIndex - page,
      Home: 0,
      End: items.length - 1,
    };
    if (event.key === 'Enter' && selectedId) {
      event.preventDefault();
      props.onEnter();
      return;
    }
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const index = Math.min(items.length - 1, Math.max(0, target));
    const story = items[index];
    if (story && story.id !== selectedId) onOpen(story.id);
  };

  const selected = selectedIndex >= 0 ? items[selectedIndex] : undefined;
  const emptyText = props.loading ? t('list.loading') : query.trash ? t('list.emptyTrash') : t('list.empty');

  return (
    <nav className="story-list" aria-label={t('list.label')}>
      <ListToolbar query={query} onQuery={props.onQuery} searchRef={props.searchRef} />
      <div className="list-actions">
        {query.trash ? (
          <>
            <button
              type="button"
              data-testid="restore-story"
              title={t('list.restoreTitle')}
              disabled={!selected}
              onClick={props.onRestore}
            >
              {t('list.restore')}
            </button>
            <button
              type="button"
              className="danger"
              data-testid="purge-story"
              title={t('list.purgeTitle')}
              disabled={!selected}
              onClick={props.onPurge}
            >
              {t('list.purge')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              data-testid="new-story"
              title={t('list.newTitle')}
              onClick={props.onNew}
            >
              {t('list.new')}
            </button>
            <button
              type="button"
              data-testid="duplicate-story"
              title={t('list.duplicateTitle')}
              disabled={!selected}
              onClick={props.onDuplicate}
            >
              {t('list.duplicate')}
            </button>
            <button
              type="button"
              data-testid="trash-story"
              title={t('list.trashTitle')}
              disabled={!selected}
              onClick={props.onTrash}
            >
              {t('list.trash')}
            </button>
            <ImportStories page={query.page} onImported={props.onImported} onOpen={onOpen} />
          </>
        )}
        <span className="list-spacer" />
        <button
          type="button"
          className={`toggle${query.trash ? ' on' : ''}`}
          aria-pressed={query.trash}
          data-testid="show-trash"
          onClick={() => props.onQuery({ trash: !query.trash })}
        >
          {query.trash ? t('list.showTrashOn') : t('list.showTrash')}
        </button>
      </div>
      <div className="list-status" aria-live="polite">
        <span data-testid="story-count">{t('list.count', { count: props.total })}</span>
        {query.trash && <span className="list-trash-note">{t('list.trashView')}</span>}
      </div>
      <div
        ref={scrollRef}
        className="list-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('list.label')}
        aria-activedescendant={selected ? `story-row-${selected.id}` : undefined}
        data-testid="story-list"
        onKeyDown={onKeyDown}
      >
        {items.length === 0 ? (
          <div className="list-empty">{emptyText}</div>
        ) : (
          <div className="list-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const story = items[row.index];
              if (!story) return null;
              return (
                <div
                  key={row.key}
                  className="list-slot"
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                >
                  <StoryRow story={story} selected={story.id === selectedId} onOpen={onOpen} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </nav>
  );
}
