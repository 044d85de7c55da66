/**
 * Under the header while signed in but the server does not answer: since when, and how
 * many saves wait on this computer (有 N 份稿件未送达编辑部，已保存在本机).
 */
import { useI18n } from '../app/i18n/i18n';
import { formatUpdated } from '../desk/format-time';
import { useNewsroom } from './NewsroomContext';

export function NewsroomBanner() {
  const { t, locale } = useI18n();
  const { status, openDialog } = useNewsroom();
  if (status?.state !== 'unreachable') return null;
  const time = status.unreachableSince ? formatUpdated(status.unreachableSince, locale) : '—';
  return (
    <div className="newsroom-banner" role="status" data-testid="newsroom-banner">
      <span>{t('newsroom.banner.unreachable', { server: status.server ?? '', time })}</span>
      <strong data-testid="newsroom-banner-pending">
        {status.pending.length > 0
          ? t('newsroom.pending', { count: status.pending.length })
          : t('newsroom.pendingNone')}
      </strong>
      <button type="button" aria-haspopup="dialog" onClick={openDialog}>
        {t('newsroom.banner.details')}
      </button>
    </div>
  );
}
