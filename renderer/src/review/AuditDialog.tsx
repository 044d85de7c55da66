/** The review record of a story, with a CSV export for Excel (issue 6). */
import { useEffect, useState } from 'react';

import type { AuditEntry } from '../../../shared/review/audit';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';

export function AuditDialog({ storyId, onClose }: { storyId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);

  useEffect(() => {
    desk['review.audit']({ id: storyId }).then(setEntries, (err: unknown) => showError(err, 'safe.nothingChanged'));
  }, [storyId, showError]);

  const download = async () => {
    try {
      const csv = await desk['review.auditCsv']({ id: storyId });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `audit-${storyId}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  return (
    <Dialog
      title={t('audit.title')}
      onClose={onClose}
      testId="audit-dialog"
      footer={
        <>
          <button type="button" data-testid="audit-csv" onClick={() => void download()}>
            {t('audit.csv')}
          </button>
          <button type="button" onClick={onClose}>
            {t('history.close')}
          </button>
        </>
      }
    >
      {entries && entries.length === 0 && <p>{t('audit.empty')}</p>}
      <ol className="audit-list" data-testid="audit-list">
        {entries?.map((e, i) => (
          <li key={i} data-testid="audit-entry" data-kind={e.kind}>
            <span className="muted">{new Date(e.at).toLocaleString()}</span> <strong>{t(`audit.kind.${e.kind}`)}</strong>
            {e.level && ` · ${t(`level.${e.level}`)}`} · {e.name}
            {e.rev !== null && ` · ${t('history.rev', { rev: e.rev })}`}
            {e.detail && <div className="audit-detail">{e.detail}</div>}
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
