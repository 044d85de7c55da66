import { FIGURE_QUALIFIERS, type KeyFigure } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { useInvalid } from '../editor/field-issues';
import { Field, newItemId, Panel } from './Field';
import type { PanelProps } from './panel-props';

function FigureRow({
  figure,
  index,
  readOnly,
  onChange,
  onRemove,
}: {
  figure: KeyFigure;
  index: number;
  readOnly: boolean;
  onChange: (patch: Partial<KeyFigure>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const asOfInvalid = useInvalid(`figures.${index}.asOf`);
  const valueInvalid = useInvalid(`figures.${index}.value`);
  return (
    <li className="figure" data-testid="figure">
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

/** Key figures (指标/数据): label, value, unit, qualifier, as-of date; printed as a box. */
export function FiguresPanel({ draft, update, readOnly }: PanelProps) {
  const { t } = useI18n();
  const figures = draft.figures;
  return (
    <Panel title={t('panel.figures')} testId="panel-figures">
      {figures.length === 0 && <p className="panel-empty">{t('figures.empty')}</p>}
      <ul className="item-list">
        {figures.map((figure, index) => (
          <FigureRow
            key={figure.id}
            figure={figure}
            index={index}
            readOnly={readOnly}
            onChange={(patch) =>
              update({ figures: figures.map((f) => (f.id === figure.id ? { ...f, ...patch } : f)) })
            }
            onRemove={() => update({ figures: figures.filter((f) => f.id !== figure.id) })}
          />
        ))}
      </ul>
      <div className="panel-actions">
        <button
          type="button"
          data-testid="figure-add"
          disabled={readOnly || figures.length >= 200}
          onClick={() =>
            update({
              figures: [
                ...figures,
                { id: newItemId('fig'), label: '', value: '', unit: '', qualifier: '', asOf: '' },
              ],
            })
          }
        >
          {t('figures.add')}
        </button>
      </div>
    </Panel>
  );
}
