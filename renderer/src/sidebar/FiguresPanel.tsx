/**
 * Key figures (指标/数据): label, value, unit, qualifier, as-of date; printed as a
 * box. Figures come by hand, from a selection in the body
 * (FIGURE_FROM_SELECTION_COMMAND → FIGURE_PARSED_COMMAND) or from the suggestions
 * the extractor finds in the body. Each links to its first occurrence in the text
 * (REVEAL_FIGURE_COMMAND). The body is only read, never changed, from here.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW } from 'lexical';
import { useEffect, useMemo, useRef, useState } from 'react';

import { FIGURE_QUALIFIERS, type KeyFigure } from '../../../shared/model';
import { extractFigures, figurePhrase, findFigure, type ParsedFigure } from '../../../shared/text/figures';
import { useI18n } from '../app/i18n/i18n';
import { useInvalid } from '../editor/field-issues';
import { useBodyTexts } from '../editor/use-body-view';
import {
  FIGURE_FROM_SELECTION_COMMAND,
  FIGURE_PARSED_COMMAND,
  REVEAL_FIGURE_COMMAND,
} from '../editor/plugins/figures/FiguresPlugin';
import { Field, newItemId, Panel } from './Field';
import type { PanelProps } from './panel-props';

const MAX_FIGURES = 200;
/** Suggestions listed before "show all": a long story holds hundreds of numbers, the panel is narrow. */
const SUGGESTIONS_SHOWN = 30;

const sameFigure = (a: Pick<ParsedFigure, 'value' | 'unit' | 'qualifier'>, b: typeof a) =>
  a.value === b.value && a.unit === b.unit && a.qualifier === b.qualifier;

function toKeyFigure(f: ParsedFigure): KeyFigure {
  return {
    id: newItemId('fig'),
    label: f.label.slice(0, 60),
    value: f.value.slice(0, 30),
    unit: f.unit.slice(0, 20),
    qualifier: f.qualifier,
    asOf: f.asOf,
  };
}

function FigureRow({
  figure,
  index,
  inBody,
  readOnly,
  onChange,
  onRemove,
  onReveal,
}: {
  figure: KeyFigure;
  index: number;
  inBody: boolean;
  readOnly: boolean;
  onChange: (patch: Partial<KeyFigure>) => void;
  onRemove: () => void;
  onReveal: () => void;
}) {
  const { t } = useI18n();
  const asOfInvalid = useInvalid(`figures.${index}.asOf`);
  const valueInvalid = useInvalid(`figures.${index}.value`);
  const phrase = figure.value ? figurePhrase(figure) : '';
  return (
    <li className="figure" data-testid="figure" data-in-body={inBody}>
      <div className="figure-head">
        <output className="figure-preview" data-testid="figure-preview">
          {figure.label}
          <strong>{phrase || '…'}</strong>
        </output>
        {inBody ? (
          <button
            type="button"
            className="link"
            data-testid="figure-reveal"
            onMouseDown={(e) => e.preventDefault()}
            onClick={onReveal}
          >
            {t('figures.show')}
          </button>
        ) : (
          phrase && (
            <span className="figure-badge" data-testid="figure-not-found">
              {t('figures.notFound')}
            </span>
          )
        )}
      </div>
      <div className="field-row">
        <Field label={t('figures.label')} wide>
          <input
            data-testid="figure-label"
            value={figure.label}
            maxLength={60}
            disabled={readOnly}
            onChange={(e) => onChange({ label: e.target.value })}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field label={t('figures.qualifier')}>
          <select
            data-testid="figure-qualifier"
            value={figure.qualifier}
            disabled={readOnly}
            onChange={(e) => onChange({ qualifier: e.target.value as KeyFigure['qualifier'] })}
          >
            {FIGURE_QUALIFIERS.map((q) => (
              <option key={q} value={q}>
                {q || t('figures.qualifierNone')}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('figures.value')}>
          <input
            data-testid="figure-value"
            className={valueInvalid ? 'invalid' : ''}
            aria-invalid={valueInvalid}
            value={figure.value}
            maxLength={30}
            disabled={readOnly}
            onChange={(e) => onChange({ value: e.target.value })}
          />
        </Field>
        <Field label={t('figures.unit')}>
          <input
            data-testid="figure-unit"
            value={figure.unit}
            maxLength={20}
            disabled={readOnly}
            onChange={(e) => onChange({ unit: e.target.value })}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field label={t('figures.asOf')} wide>
          <input
            data-testid="figure-asof"
            className={asOfInvalid ? 'invalid' : ''}
            aria-invalid={asOfInvalid}
            placeholder="2026-11"
            value={figure.asOf}
            maxLength={10}
            disabled={readOnly}
            onChange={(e) => onChange({ asOf: e.target.value.trim() })}
          />
        </Field>
      </div>
      <div className="item-actions">
        <button
          type="button"
          className="link danger"
          data-testid="figure-remove"
          disabled={readOnly}
          onClick={onRemove}
        >
          {t('figures.remove')}
        </button>
      </div>
    </li>
  );
}

export function FiguresPanel({ draft, update, readOnly }: PanelProps) {
  const { t } = useI18n();
  const [editor] = useLexicalComposerContext();
  const [suggesting, setSuggesting] = useState(false);
  const [allSuggestions, setAllSuggestions] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const figures = draft.figures;

  // From the editor after a pause in typing, not draft.body (which follows only at save time).
  const texts = useBodyTexts(editor);
  const inBody = (f: KeyFigure) => texts.some((text) => findFigure(text, f) !== null);

  const suggestions = useMemo(() => {
    if (!suggesting) return [];
    const found: ParsedFigure[] = [];
    for (const text of texts) {
      for (const f of extractFigures(text)) {
        if (figures.some((g) => sameFigure(f, g)) || found.some((g) => sameFigure(f, g))) continue;
        found.push(f);
      }
    }
    return found;
  }, [suggesting, texts, figures]);

  const add = (...parsed: ParsedFigure[]) =>
    update((d) => ({ figures: [...d.figures, ...parsed.map(toKeyFigure)].slice(0, MAX_FIGURES) }));

  // The outcome of "from selection" arrives as a command from FiguresPlugin.
  const latest = useRef({ add, t });
  useEffect(() => {
    latest.current = { add, t };
  });
  useEffect(
    () =>
      editor.registerCommand(
        FIGURE_PARSED_COMMAND,
        ({ text, figure }) => {
          const { add, t } = latest.current;
          if (figure) {
            add(figure);
            setNote(null);
          } else {
            const shown = text.trim().slice(0, 20);
            setNote(shown ? t('figures.notParsed', { text: shown }) : t('figures.noSelection'));
          }
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );

  return (
    <Panel title={t('panel.figures')} testId="panel-figures">
      {figures.length === 0 && <p className="panel-empty">{t('figures.empty')}</p>}
      <ul className="item-list">
        {figures.map((figure, index) => (
          <FigureRow
            key={figure.id}
            figure={figure}
            index={index}
            inBody={inBody(figure)}
            readOnly={readOnly}
            onChange={(patch) =>
              update((d) => ({
                figures: d.figures.map((f) => (f.id === figure.id ? { ...f, ...patch } : f)),
              }))
            }
            onRemove={() => update((d) => ({ figures: d.figures.filter((f) => f.id !== figure.id) }))}
            onReveal={() => editor.dispatchCommand(REVEAL_FIGURE_COMMAND, figure)}
          />
        ))}
      </ul>
      {note && (
        <p className="figure-note" role="status" data-testid="figure-note">
          {note}
        </p>
      )}
      <div className="panel-actions">
        <button
          type="button"
          data-testid="figure-add"
          disabled={readOnly || figures.length >= MAX_FIGURES}
          onClick={() => add({ label: '', value: '', unit: '', qualifier: '', asOf: '' })}
        >
          {t('figures.add')}
        </button>
        <button
          type="button"
          data-testid="figure-from-selection"
          title={t('figures.fromSelectionHint')}
          disabled={readOnly || figures.length >= MAX_FIGURES}
          // Keep the body's selection: the button must not take the focus first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.dispatchCommand(FIGURE_FROM_SELECTION_COMMAND, undefined)}
        >
          {t('figures.fromSelection')}
        </button>
        <button
          type="button"
          data-testid="figure-suggest"
          aria-expanded={suggesting}
          disabled={readOnly}
          onClick={() => {
            setSuggesting((s) => !s);
            setAllSuggestions(false);
          }}
        >
          {suggesting ? t('figures.closeSuggestions') : t('figures.suggest')}
        </button>
      </div>
      {suggesting && (
        <div className="figure-suggestions" data-testid="figure-suggestions">
          <h3 className="figure-suggestions-title">
            {t('figures.suggestions', { count: suggestions.length })}
          </h3>
          {suggestions.length === 0 ? (
            <p className="panel-empty">{t('figures.noSuggestions')}</p>
          ) : (
            <>
              <ul className="suggestion-list">
                {(allSuggestions ? suggestions : suggestions.slice(0, SUGGESTIONS_SHOWN)).map((f) => (
                  <li key={`${f.label}|${figurePhrase(f)}`} data-testid="figure-suggestion">
                    <span className="suggestion-text">
                      {f.label && <span className="suggestion-label">{f.label}</span>}
                      <strong>{figurePhrase(f)}</strong>
                      {f.asOf && (
                        <span className="suggestion-asof">{t('figures.asOfShort', { date: f.asOf })}</span>
                      )}
                    </span>
                    <button
                      type="button"
                      className="link"
                      data-testid="figure-accept"
                      disabled={figures.length >= MAX_FIGURES}
                      onClick={() => add(f)}
                    >
                      {t('figures.accept')}
                    </button>
                  </li>
                ))}
              </ul>
              <div className="panel-actions">
                {!allSuggestions && suggestions.length > SUGGESTIONS_SHOWN && (
                  <button
                    type="button"
                    data-testid="figure-suggestions-all"
                    onClick={() => setAllSuggestions(true)}
                  >
                    {t('figures.showAllSuggestions', { count: suggestions.length })}
                  </button>
                )}
                <button type="button" data-testid="figure-accept-all" onClick={() => add(...suggestions)}>
                  {t('figures.acceptAll')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </Panel>
  );
}
