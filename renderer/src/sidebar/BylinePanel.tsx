import { useState } from 'react';

import { BYLINE_POSITIONS, BYLINE_ROLES, bylineText, type Byline, type Credit } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { useInvalid } from '../editor/field-issues';
import { useFindingsAt } from '../editor/findings/FindingsContext';
import { findingMessage } from '../editor/findings/finding-text';
import { CUSTOM_ROLE, NO_ROLE, pickRole, roleChoice } from './byline-role';
import { Field, moveItem, Panel } from './Field';
import type { PanelProps } from './panel-props';
import { SplitInput } from './SplitInput';

type CreditProps = {
  credit: Credit;
  index: number;
  readOnly: boolean;
  onChange: (credit: Credit) => void;
  onRemove: () => void;
  onMoveUp: () => void;
};

function CreditRow({ credit, index, readOnly, onChange, onRemove, onMoveUp }: CreditProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const base = `byline.credits.${index}`;
  const roleInvalid = useInvalid(`${base}.role`);
  const namesInvalid = useInvalid(`${base}.names`);
  const orgInvalid = useInvalid(`${base}.name`);
  const [typingCustom, setTypingCustom] = useState(false);
  const choice = credit.kind === 'person' ? roleChoice(credit.role, typingCustom) : null;
  // The byline findings of this credit (byline.no-role, byline.unknown-role), beside it.
  const findings = useFindingsAt('byline', index).filter((f) => f.finding.rule.startsWith('byline.'));

  return (
    <li className="credit" data-testid="byline-credit">
      {credit.kind === 'person' ? (
        <div className="credit-person">
          <Field label={t('byline.role')}>
            <select
              data-testid="byline-role"
              data-choice={choice === NO_ROLE ? 'none' : choice === CUSTOM_ROLE ? 'custom' : 'known'}
              value={choice ?? NO_ROLE}
              disabled={readOnly}
              onChange={(e) => {
                const next = pickRole(e.target.value, credit.role);
                setTypingCustom(next.typingCustom);
                if (next.role !== credit.role) onChange({ ...credit, role: next.role });
              }}
            >
              {BYLINE_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`byline.role.${role}`)}
                </option>
              ))}
              <option value={CUSTOM_ROLE}>{t('byline.customOption')}</option>
              <option value={NO_ROLE}>{t('byline.noRoleOption')}</option>
            </select>
          </Field>
          {choice === CUSTOM_ROLE && (
            <Field label={t('byline.customRole')}>
              <input
                data-testid="byline-custom-role"
                className={roleInvalid ? 'invalid' : ''}
                aria-invalid={roleInvalid}
                value={credit.role}
                maxLength={20}
                disabled={readOnly}
                onChange={(e) => onChange({ ...credit, role: e.target.value })}
              />
            </Field>
          )}
          <Field label={t('byline.names')} wide>
            <SplitInput
              data-testid="byline-names"
              className={namesInvalid ? 'invalid' : ''}
              aria-invalid={namesInvalid}
              parts={credit.names}
              disabled={readOnly}
              onParts={(names) => onChange({ ...credit, names })}
            />
          </Field>
        </div>
      ) : (
        <Field label={t('byline.org')} wide>
          <input
            data-testid="byline-org"
            className={orgInvalid ? 'invalid' : ''}
            aria-invalid={orgInvalid}
            value={credit.name}
            maxLength={80}
            disabled={readOnly}
            onChange={(e) => onChange({ ...credit, name: e.target.value })}
          />
        </Field>
      )}
      {findings.map((f) => (
        <p
          key={f.id}
          className={`credit-finding sev-${f.finding.severity}`}
          data-testid="byline-credit-finding"
          data-rule={f.finding.rule}
          data-severity={f.finding.severity}
        >
          {findingMessage(i18n, f.finding)}
        </p>
      ))}
      <div className="item-actions">
        {index > 0 && (
          <button type="button" className="link" disabled={readOnly} onClick={onMoveUp}>
            {t('byline.moveUp')}
          </button>
        )}
        <button
          type="button"
          className="link danger"
          data-testid="byline-remove"
          disabled={readOnly}
          onClick={onRemove}
        >
          {t('byline.remove')}
        </button>
      </div>
    </li>
  );
}

/** The byline as structured credits, with the exact printed text as a live preview. */
export function BylinePanel({ draft, update, readOnly }: PanelProps) {
  const { t } = useI18n();
  const byline = draft.byline;
  const set = (patch: Partial<Byline>) => update({ byline: { ...byline, ...patch } });
  const setCredits = (credits: Credit[]) => set({ credits });
  const preview = bylineText(byline, draft.dateline);

  return (
    <Panel title={t('panel.byline')} testId="panel-byline">
      <Field label={t('byline.position')} wide>
        <select
          data-testid="byline-position"
          value={byline.position}
          disabled={readOnly}
          onChange={(e) => set({ position: e.target.value as Byline['position'] })}
        >
          {BYLINE_POSITIONS.map((p) => (
            <option key={p} value={p}>
              {t(`byline.position.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      <ul className="item-list">
        {byline.credits.map((credit, index) => (
          <CreditRow
            // Credits have no id of their own; the position is their identity while editing.
            key={index}
            credit={credit}
            index={index}
            readOnly={readOnly}
            onChange={(next) => setCredits(byline.credits.map((c, i) => (i === index ? next : c)))}
            onRemove={() => setCredits(byline.credits.filter((_, i) => i !== index))}
            onMoveUp={() => setCredits(moveItem(byline.credits, index, index - 1))}
          />
        ))}
      </ul>
      <div className="panel-actions">
        <button
          type="button"
          data-testid="byline-add-person"
          disabled={readOnly || byline.credits.length >= 20}
          onClick={() => setCredits([...byline.credits, { kind: 'person', role: '记者', names: [] }])}
        >
          {t('byline.addPerson')}
        </button>
        <button
          type="button"
          data-testid="byline-add-org"
          disabled={readOnly || byline.credits.length >= 20}
          onClick={() => setCredits([...byline.credits, { kind: 'organisation', name: '' }])}
        >
          {t('byline.addOrg')}
        </button>
      </div>
      <div className="preview">
        <span className="field-label">{t('byline.preview')}</span>
        <output className="preview-text" data-testid="byline-preview">
          {preview || t('byline.previewEmpty')}
        </output>
      </div>
    </Panel>
  );
}
