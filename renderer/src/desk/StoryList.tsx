/**
 * The story list: toolbar, actions and a virtualized listbox, so 15,000 rows
 * render only what is on screen. Keyboard: arrows, Page Up/Down, Home/End move
 * the selection (which opens the story); Enter moves focus to the headline.
 * While connected to the newsroom, rows can be checked to be taken away together
 * (带走编辑, issue 18): Ctrl/⌘-click or Space checks one, Shift-click or
 * Shift+arrow checks a range; the open story is taken when nothing is checked.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

import type { StoryQuery, StorySummary } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { useOptionalCheckout } from '../checkout/CheckoutContext';
import { CHECKOUT_SHORTCUT } from '../checkout/checkout-shortcut';
import { nextChecked, type ClickMods } from '../checkout/checkout-view';
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
  /** The rows checked to be taken away together (带走编辑). */
  checked: ReadonlySet<string>;
  onChecked: (next: Set<string>) => void;
  /** 带走编辑: the checked stories, or the open one. */
  onCheckOut: () => void;
};

export function StoryList(props: Props) {
  const { query, items, selectedId, onOpen } = props;
  const { t } = useI18n();
  const checkout = useOptionalCheckout();
  const checkable = checkout?.online === true && !query.trash;
  const anchor = useRef<string | null>(null);
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

  const order = () => items.map((s) => s.id);
  const onCheck = (id: string, mods: ClickMods) => {
    const next = nextChecked(props.checked, order(), anchor.current ?? selectedId, id, mods);
    anchor.current = id;
    if (next) props.onChecked(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.nativeEvent.isComposing || items.length === 0) return;
    if (checkable && event.key === ' ' && selectedId) {
      event.preventDefault();
      onCheck(selectedId, { toggle: true, range: false });
      return;
    }
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
    if (checkable && event.shiftKey && story && selectedId) {
      const next = new Set(props.checked);
      next.add(selectedId);
      next.add(story.id);
      props.onChecked(next);
    }
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
            {checkable && (
              <button
                type="button"
                data-testid="checkout-take"
                title={t('checkout.takeTitle', { key: CHECKOUT_SHORTCUT })}
                aria-keyshortcuts="Control+Shift+E Meta+Shift+E"
                disabled={props.checked.size === 0 && !selected}
                onClick={props.onCheckOut}
              >
                {props.checked.size > 0
                  ? t('checkout.takeCount', { count: props.checked.size })
                  : t('checkout.take')}
              </button>
            )}
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
        {checkable && props.checked.size > 0 && (
          <span className="list-checked" data-testid="list-checked">
            {t('checkout.checkedCount', { count: props.checked.size })}{' '}
            <button type="button" className="link" onClick={() => props.onChecked(new Set())}>
              {t('checkout.clearChecked')}
            </button>
          </span>
        )}
        {checkout?.offline && (
          <span className="list-offline" data-testid="list-offline">
            {t('checkout.offline.list', { count: checkout.mine.length })}
          </span>
        )}
      </div>
      <div
        ref={scrollRef}
        className="list-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('list.label')}
        aria-multiselectable={checkable || undefined}
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
                  <StoryRow
                    story={story}
                    selected={story.id === selectedId}
                    checkable={checkable}
                    checked={props.checked.has(story.id)}
                    onOpen={onOpen}
                    onCheck={onCheck}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </nav>
  );
}
