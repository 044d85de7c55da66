/** 断开编辑部, confirmed: the desk goes back to its own store; what stays kept is said before, not after. */
import type { NewsroomStatus } from '../../../shared/api';
import { useI18n, type MessageKey } from '../app/i18n/i18n';

type Props = { status: NewsroomStatus; busy: MessageKey | null; onConfirm: () => void; onCancel: () => void };

export function DisconnectConfirm({ status, busy, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  return (
    <section
      className="newsroom-confirm"
      data-testid="newsroom-disconnect-confirm-box"
      aria-labelledby="newsroom-disconnect-title"
    >
      <h3 id="newsroom-disconnect-title">{t('newsroom.disconnect.title')}</h3>
      <p>{t('newsroom.disconnect.body', { server: status.server ?? '' })}</p>
      {status.person && <p>{t('newsroom.disconnect.signsOut', { name: status.person.name })}</p>}
      <p>{t('newsroom.disconnect.kept')}</p>
      {status.pending.length > 0 && (
        <p className="newsroom-warn">
          {t('newsroom.disconnect.keptPending', { count: status.pending.length })}
        </p>
      )}
      <div className="newsroom-actions">
        <button
          type="button"
          data-testid="newsroom-disconnect-cancel"
          disabled={busy !== null}
          autoFocus
          onClick={onCancel}
        >
          {t('newsroom.cancel')}
        </button>
        <button
          type="button"
          className="danger solid"
          data-testid="newsroom-disconnect-confirm"
          disabled={busy !== null}
          onClick={onConfirm}
        >
          {busy === 'newsroom.disconnect.busy' ? t(busy) : t('newsroom.disconnect.confirm')}
        </button>
      </div>
    </section>
  );
}
