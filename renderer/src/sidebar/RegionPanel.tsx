import './region.css';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

import type { RegionMatch } from '../../../shared/geo/regions';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { useInvalid } from '../editor/field-issues';
import { desk } from '../platform/desk-client';
import { Panel } from './Field';
import type { PanelProps } from './panel-props';

const SEARCH_DELAY_MS = 120;
const SEARCH_LIMIT = 20;

/**
 * The story's GB/T 2260 division (domain §5): a combobox over the official list.
 * Type a name (白云区, 玉龙县), pinyin initials (byq) or a code (520113); every
 * option shows its parents, so the two 白云区 can be told apart. The story keeps
 * code + full name path.
 */
export function RegionPanel({ draft, update, readOnly }: PanelProps) {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const id = useId();
  const listId = `${id}-list`;
  const statusId = `${id}-status`;
  const region = draft.region;
  const codeInvalid = useInvalid('region.code');
  const pathInvalid = useInvalid('region.path');
  const invalid = codeInvalid || pathInvalid;

  const [query, setQuery] = useState('');
  const [composing, setComposing] = useState(false);
  const [results, setResults] = useState<RegionMatch[] | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [notInList, setNotInList] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // Search after a short pause; never while an input method is composing; a late answer never wins.
  useEffect(() => {
    if (composing) return;
    const text = query.trim();
    if (!text) {
      setResults(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      desk['regions.search']({ query: text, limit: SEARCH_LIMIT }).then(
        (found) => {
          if (!live) return;
          setResults(found);
          setActive(found.length > 0 ? 0 : -1);
          setOpen(true);
        },
        (err: unknown) => live && showError(err, 'safe.nothingChanged'),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, composing, showError]);

  // A region typed in elsewhere (an imported .md) may not be in the list: say so, change nothing.
  const code = region?.code ?? '';
  const pathKey = region?.path.join('/') ?? '';
  useEffect(() => {
    if (!code) {
      setNotInList(false);
      return;
    }
    let live = true;
    desk['regions.search']({ query: code, limit: 1 }).then(
      ([first]) => live && setNotInList(!first || first.code !== code || first.path.join('/') !== pathKey),
      () => live && setNotInList(false),
    );
    return () => {
      live = false;
    };
  }, [code, pathKey]);

  useEffect(() => {
    if (!open || active < 0) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const choose = (match: RegionMatch) => {
    update({ region: { code: match.code, path: match.path } });
    setQuery('');
    setResults(null);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // While an input method composes, its keys (Enter to commit, Escape to cancel) are its own.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    const count = results?.length ?? 0;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        if (!open) {
          setOpen(true);
          setActive(step > 0 ? 0 : count - 1);
        } else {
          setActive((i) => (i + step + count) % count);
        }
        return;
      }
      case 'Enter': {
        const match = open && active >= 0 ? results?.[active] : undefined;
        if (match) {
          event.preventDefault();
          choose(match);
        }
        return;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        } else if (query) {
          event.preventDefault();
          event.stopPropagation();
          setQuery('');
        }
        return;
      default:
    }
  };

  const expanded = open && results !== null && results.length > 0;
  const activeId = expanded && active >= 0 ? `${id}-opt-${active}` : undefined;
  const status =
    results === null || query.trim() === ''
      ? ''
      : results.length === 0
        ? t('region.noResults')
        : t('region.results', { count: results.length });

  return (
    <Panel title={t('panel.region')} testId="panel-region">
      {region ? (
        <div
          className={`region-selected${invalid || notInList ? ' invalid' : ''}`}
          data-testid="region-selected"
        >
          <div className="region-selected-text">
            <span className="region-selected-path" data-testid="region-selected-path">
              {region.path.join(' ')}
            </span>
            <span className="region-code mono" data-testid="region-selected-code">
              {t('region.codeValue', { code: region.code })}
            </span>
          </div>
          <button
            type="button"
            className="link"
            data-testid="region-clear"
            disabled={readOnly}
            onClick={() => {
              update({ region: null });
              inputRef.current?.focus();
            }}
          >
            {t('region.clear')}
          </button>
        </div>
      ) : (
        <div className="panel-empty" data-testid="region-none">
          {t('region.none')}
        </div>
      )}
      {(invalid || notInList) && region && (
        <div className="field-error" data-testid="region-not-in-list">
          {t('region.notInList')}
        </div>
      )}

      <div className="region-combo">
        <label className="field-label" htmlFor={`${id}-input`}>
          {region ? t('region.change') : t('region.search')}
        </label>
        <div className="region-input-wrap">
          <input
            ref={inputRef}
            id={`${id}-input`}
            data-testid="region-search"
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={activeId}
            aria-describedby={statusId}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('region.searchPlaceholder')}
            value={query}
            disabled={readOnly}
            onChange={(e) => {
              setQuery(e.target.value);
              if (!e.target.value.trim()) setOpen(false);
            }}
            onCompositionStart={() => setComposing(true)}
            onCompositionEnd={(e) => {
              setComposing(false);
              setQuery(e.currentTarget.value);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => results && results.length > 0 && setOpen(true)}
            onBlur={() => setOpen(false)}
          />
          <ul
            ref={listRef}
            id={listId}
            role="listbox"
            aria-label={t('region.results.label')}
            className="region-list"
            hidden={!expanded}
          >
            {expanded &&
              results.map((match, index) => {
                const parents = match.path.slice(0, -1);
                return (
                  <li
                    key={match.code}
                    id={`${id}-opt-${index}`}
                    role="option"
                    aria-selected={index === active}
                    data-index={index}
                    data-testid="region-option"
                    data-code={match.code}
                    className={`region-option${index === active ? ' active' : ''}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => index !== active && setActive(index)}
                    onClick={() => choose(match)}
                  >
                    <span className="region-option-name">{match.name}</span>
                    {parents.length > 0 && (
                      <span className="region-option-parents">{parents.join(' · ')}</span>
                    )}
                    <span className="region-code mono">{match.code}</span>
                  </li>
                );
              })}
          </ul>
        </div>
        <div id={statusId} className="region-status" aria-live="polite" data-testid="region-status">
          {status}
        </div>
      </div>
    </Panel>
  );
}
