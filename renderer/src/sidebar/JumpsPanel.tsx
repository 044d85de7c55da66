import type { JumpLine } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { useInvalid } from '../editor/field-issues';
import { jumpLineText } from '../editor/JumpLineBlock';
import { Field, newItemId, Panel } from './Field';
import type { PanelProps } from './panel-props';

function JumpRow({
  jump,
  index,
  readOnly,
  onChange,
  onRemove,
}: {
  jump: JumpLine;
  index: number;
  readOnly: boolean;
  onChange: (patch: Partial<JumpLine>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const pageInvalid = useInvalid(`jumps.${index}.page`);
  return (
    <li className="jump" data-testid="jump">
      <div className="field-row">
        <Field label={t('jumps.direction')}>
          <select
            data-testid="jump-direction"
            value={jump.direction}
            disabled={readOnly}
            onChange={(e) => onChange({ direction: e.target.value as JumpLine['direction'] })}
          >
            <option value="from">{t('jumps.direction.from')}</option>
            <option value="to">{t('jumps.direction.to')}</option>
          </select>
        </Field>
        <Field label={t('jumps.page')}>
          <input
            data-testid="jump-page"
            className={pageInvalid ? 'invalid' : ''}
            aria-invalid={pageInvalid}
            placeholder="B7"
            value={jump.page}
            maxLength={3}
            disabled={readOnly}
            onChange={(e) => onChange({ page: e.target.value.trim().toUpperCase() })}
          />
        </Field>
        <output className="jump-preview" data-testid="jump-preview">
          {jumpLineText(jump)}
        </output>
      </div>
      <div className="item-actions">
        <button
          type="button"
          className="link danger"
          data-testid="jump-remove"
          disabled={readOnly}
          onClick={onRemove}
        >
          {t('jumps.remove')}
        </button>
      </div>
    </li>
  );
}

/**
 * Jump lines (转版): 上接/下转 a page; at most four per story. They are data
 * (story.jumps); the story screen shows them printed-style above (上接) or below
 * (下转) the body (JumpLineBlock).
 */
export function JumpsPanel({ draft, update, readOnly }: PanelProps) {
  const { t } = useI18n();
  const jumps = draft.jumps;
  return (
    <Panel title={t('panel.jumps')} testId="panel-jumps">
      {jumps.length === 0 && <p className="panel-empty">{t('jumps.empty')}</p>}
      {jumps.length > 0 && <p className="panel-note">{t('jumps.where')}</p>}
      <ul className="item-list">
        {jumps.map((jump, index) => (
          <JumpRow
            key={jump.id}
            jump={jump}
            index={index}
            readOnly={readOnly}
            onChange={(patch) =>
              update({ jumps: jumps.map((j) => (j.id === jump.id ? { ...j, ...patch } : j)) })
            }
            onRemove={() => update({ jumps: jumps.filter((j) => j.id !== jump.id) })}
          />
        ))}
      </ul>
      <div className="panel-actions">
        <button
          type="button"
          data-testid="jump-add"
          disabled={readOnly || jumps.length >= 4}
          onClick={() => update({ jumps: [...jumps, { id: newItemId('jump'), direction: 'to', page: '' }] })}
        >
          {t('jumps.add')}
        </button>
      </div>
    </Panel>
  );
}
