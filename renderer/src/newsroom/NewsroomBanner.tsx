/**
 * Under the header while signed in but the server does not answer: since when, and how
 * many saves wait on this computer (有 N 份稿件未送达编辑部，已保存在本机). A desk holding
 * checked-out stories (issue 18) says it is offline, what can be edited, and what waits
 * for the newsroom (signing, submitting, the queue, other people's stories, pages).
 */
import { useI18n } from '../app/i18n/i18n';
import { useOptionalCheckout } from '../checkout/CheckoutContext';
import { formatUpdated } from '../desk/format-time';
import { useNewsroom } from './NewsroomContext';
import { nothingPendingText } from './SessionView';

export function NewsroomBanner() {
  const { t, locale } = useI18n();
  const { status, openDialog } = useNewsroom();
  const away = useOptionalCheckout()?.mine.length ?? 0;
  if (status?.state !== 'unreachable') return null;
  const time = status.unreachableSince ? formatUpdated(status.unreachableSince, locale) : '—';
  return (
    <div className="newsroom-banner" role="status" data-testid="newsroom-banner">
      <span data-testid="newsroom-banner-text">
        {away > 0
          ? t('checkout.offline.banner', { time, count: away })
          : t('newsroom.banner.unreachable', { server: status.server ?? '', time })}
      </span>
      <strong data-testid="newsroom-banner-pending">
        {status.pending.length > 0
          ? t('newsroom.pending', { count: status.pending.length })
          : nothingPendingText(status, t)}
      </strong>
      <button type="button" aria-haspopup="dialog" onClick={openDialog}>
        {t('newsroom.banner.details')}
      </button>
    </div>
  );
}
