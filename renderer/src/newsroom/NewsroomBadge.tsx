/**
 * Where the desk works, in the header (issue 17): 本机 with the connect action,
 * 未登录编辑部 with 登录, 编辑部 · name while signed in, 编辑部未响应 · 自 HH:MM when the
 * server does not answer, and plainly 离线 · 自 HH:MM when this desk holds stories
 * checked out (issue 18): it works away from the newsroom. One button: it opens the
 * 连接编辑部 dialog at the right step (where 交回 is).
 */
import { useI18n } from '../app/i18n/i18n';
import { useOptionalCheckout } from '../checkout/CheckoutContext';
import { formatUpdated } from '../desk/format-time';
import { useNewsroom } from './NewsroomContext';
import { NEWSROOM_SHORTCUT } from './newsroom-shortcut';
import './newsroom.css';

export function NewsroomBadge() {
  const { t, locale } = useI18n();
  const { status, openDialog } = useNewsroom();
  const away = useOptionalCheckout()?.mine.length ?? 0;
  const state = status?.state ?? 'local';
  const server = status?.server ?? '';
  const since = status?.unreachableSince ? formatUpdated(status.unreachableSince, locale) : '—';

  const [badge, action, title] =
    state === 'connected'
      ? [
          t('newsroom.badge.connected', { name: status?.person?.name ?? '' }),
          null,
          t('newsroom.badge.connectedTitle', { server }),
        ]
      : state === 'unreachable' && away > 0
        ? [
            t('checkout.offline.badge', { time: since }),
            null,
            t('checkout.offline.badgeTitle', { server, count: away }),
          ]
        : state === 'unreachable'
          ? [
              t('newsroom.badge.unreachable', { time: since }),
              null,
              t('newsroom.badge.unreachableTitle', { server }),
            ]
          : state === 'signedOut'
            ? [
                t('newsroom.badge.signedOut'),
                t('newsroom.badge.signIn'),
                t('newsroom.badge.signedOutTitle', { server }),
              ]
            : state === 'passwordChange'
              ? [t('newsroom.badge.passwordChange'), null, t('newsroom.badge.passwordChangeTitle')]
              : [t('newsroom.badge.local'), t('newsroom.badge.localAction'), t('newsroom.badge.localTitle')];
  const shortcut = t('newsroom.shortcut', { key: NEWSROOM_SHORTCUT });

  return (
    <button
      type="button"
      className={`header-button newsroom-open newsroom-${state}`}
      data-testid="newsroom-open"
      data-state={state}
      data-away={away > 0 ? away : undefined}
      title={`${title}\n${shortcut}`}
      aria-haspopup="dialog"
      aria-keyshortcuts="Control+Comma Meta+Comma"
      onClick={openDialog}
    >
      <span className="newsroom-badge" data-testid="newsroom-badge">
        {badge}
      </span>
      {action && <span className="newsroom-action">{action}</span>}
    </button>
  );
}
