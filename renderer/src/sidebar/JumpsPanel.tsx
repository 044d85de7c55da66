import type { JumpLine } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { useInvalid } from '../editor/field-issues';
import { Field, newItemId, Panel } from './Field';
import type { PanelProps } from './panel-props';

const DIRECTION_TEXT = { from: '上接', to: '下转' } as const;

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
          {t('jumps.preview', { dir: DIRECTION_TEXT[jump.direction], page: jump.page || '…' })}
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

/** Jump lines (转版): 上接/下转 a page; at most four per story. */
export function JumpsPanel({ draft, update, readOnly }: PanelProps) {
  const { t } = useI18n();
  const jumps = draft.jumps;
  return (
    <Panel title={t('panel.jumps')} testId="panel-jumps">
      {jumps.length === 0 && <p className="panel-empty">{t('jumps.empty')}</p>}
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
