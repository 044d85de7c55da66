/** An editor signs an export over open errors: the reason is required and goes into the package and the audit trail. */
import { useState, type FormEvent } from 'react';

import { Dialog } from '../app/Dialog';
import { useI18n } from '../app/i18n/i18n';

type Props = {
  openErrors: number;
  editorName: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
};

export function OverrideDialog({ openErrors, editorName, onConfirm, onClose }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const ok = reason.trim().length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ok) onConfirm(reason.trim());
  };
  return (
    <Dialog title={t('pages.override.title')} onClose={onClose} testId="override-dialog">
      <form className="page-form" onSubmit={submit}>
        <p>{t('pages.override.body', { count: openErrors })}</p>
        <p className="muted">{t('pages.override.who', { name: editorName })}</p>
        <label>
          <span>{t('pages.override.reason')}</span>
          <textarea
            autoFocus
            required
            rows={3}
            maxLength={500}
            value={reason}
            placeholder={t('pages.override.reasonHint')}
            data-testid="override-reason"
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <div className="dialog-footer page-form-footer">
          <button type="button" onClick={onClose} data-testid="override-cancel">
            {t('pages.override.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!ok} data-testid="override-confirm">
            {t('pages.override.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
