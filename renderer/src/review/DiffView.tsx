/** Two revisions side by side, field by field, changed characters marked (issue 6). */
import type { FieldDiff } from '../../../shared/review/revision-diff';
import { useI18n } from '../app/i18n/i18n';

export function DiffView({ fields }: { fields: FieldDiff[] }) {
  const { t } = useI18n();
  const changed = fields.filter((f) => f.changed);
  if (changed.length === 0) return <p data-testid="diff-same">{t('history.noChange')}</p>;
  return (
    <div className="diff" data-testid="diff-view">
      {changed.map((f) => (
        <section key={f.field} className="diff-field">
          <h4>{t(`diff.field.${f.field}`)}</h4>
          <div className="diff-sides">
            <div className="diff-side diff-from" data-testid={`diff-from-${f.field}`}>
              {f.ops.map((op, i) =>
                op.op === 'insert' ? null : op.op === 'delete' ? (
                  <del key={i}>{op.text}</del>
                ) : (
                  <span key={i}>{op.text}</span>
                ),
              )}
            </div>
            <div className="diff-side diff-to" data-testid={`diff-to-${f.field}`}>
              {f.ops.map((op, i) =>
                op.op === 'delete' ? null : op.op === 'insert' ? (
                  <ins key={i}>{op.text}</ins>
                ) : (
                  <span key={i}>{op.text}</span>
                ),
              )}
            </div>
          </div>
        </section>
      ))}
    </div>
  );
}
