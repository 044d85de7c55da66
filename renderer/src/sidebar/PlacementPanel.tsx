import { STORY_KINDS, type Story } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { StatusBadge } from '../desk/StatusBadge';
import { useStoryStatus } from '../desk/story-status';
import { formatUpdated } from '../desk/format-time';
import { useInvalid } from '../editor/field-issues';
import { Field, Panel } from './Field';
import type { PanelProps } from './panel-props';

/** Page (版面), slot, kind (体裁) and the workflow status, which only reviews change. */
export function PlacementPanel({ draft, update, readOnly, story }: PanelProps & { story: Story }) {
  const { t, locale } = useI18n();
  const pageInvalid = useInvalid('page');
  const slotInvalid = useInvalid('slot');
  // Status and revision as the desk last said (a sign or a submit elsewhere on the screen included).
  const live = useStoryStatus(story.id, { status: story.status, revision: story.rev })!;
  return (
    <Panel title={t('panel.placement')} testId="panel-placement">
      <div className="field-row">
        <Field label={t('placement.page')}>
          <input
            data-testid="field-page"
            className={pageInvalid ? 'invalid' : ''}
            aria-invalid={pageInvalid}
            placeholder={t('placement.pagePlaceholder')}
            value={draft.page ?? ''}
            maxLength={3}
            disabled={readOnly}
            onChange={(e) => {
              const value = e.target.value.trim().toUpperCase();
              update({ page: value === '' ? null : value });
            }}
          />
        </Field>
        <Field label={t('placement.slot')}>
          <input
            data-testid="field-slot"
            type="number"
            min={1}
            max={99}
            className={slotInvalid ? 'invalid' : ''}
            aria-invalid={slotInvalid}
            value={draft.slot ?? ''}
            disabled={readOnly}
            onChange={(e) => update({ slot: e.target.value === '' ? null : Number(e.target.value) })}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field label={t('placement.kind')}>
          <select
            data-testid="field-kind"
            value={draft.kind}
            disabled={readOnly}
            onChange={(e) => update({ kind: e.target.value as (typeof STORY_KINDS)[number] })}
          >
            {STORY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="field placement-status" data-testid="field-status">
          <span className="field-label">{t('placement.status')}</span>
          <StatusBadge status={live.status} />
        </div>
      </div>
      <div className="placement-rev" data-testid="placement-rev" data-rev={live.revision}>
        {t('placement.rev', {
          rev: live.revision,
          by: story.updatedBy,
          at: formatUpdated(story.updatedAt, locale),
        })}
      </div>
    </Panel>
  );
}
