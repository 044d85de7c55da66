/** Signed in (connected or unreachable): who, with which roles, on which server, until when, with which key. */
import type { NewsroomStatus } from '../../../shared/api';
import type { Role } from '../../../shared/review/roles';
import { useI18n } from '../app/i18n/i18n';
import { formatUpdated } from '../desk/format-time';

/** The roles in the person's language, as the identity picker names them. */
export function rolesText(roles: readonly Role[], t: ReturnType<typeof useI18n>['t']): string {
  return roles.map((r) => t(`role.${r}`)).join(t('newsroom.roleSeparator'));
}

export function SessionView({ status }: { status: NewsroomStatus }) {
  const { t, locale } = useI18n();
  const person = status.person;
  const time = (iso: string | null) => (iso ? formatUpdated(iso, locale) : '—');
  return (
    <div className="newsroom-session" data-testid="newsroom-session" data-state={status.state}>
      <dl className="about-list newsroom-list">
        <dt>{t('newsroom.session.who')}</dt>
        <dd data-testid="newsroom-person">
          {person ? t('newsroom.session.whoValue', { name: person.name, login: person.login }) : '—'}
        </dd>
        <dt>{t('newsroom.session.roles')}</dt>
        <dd data-testid="newsroom-roles">
          {person && person.roles.length > 0 ? rolesText(person.roles, t) : t('newsroom.session.noRoles')}
        </dd>
        <dt>{t('newsroom.session.server')}</dt>
        <dd className="mono" data-testid="newsroom-session-server">
          {status.server ?? '—'}
        </dd>
        <dt>{t('newsroom.session.state')}</dt>
        <dd data-testid="newsroom-session-state">
          {status.state === 'unreachable'
            ? t('newsroom.session.unreachable', { time: time(status.unreachableSince) })
            : t('newsroom.session.connected')}
        </dd>
        <dt>{t('newsroom.session.expires')}</dt>
        <dd data-testid="newsroom-expires">
          {status.expiresAt ? t('newsroom.session.expiresHint', { time: time(status.expiresAt) }) : '—'}
        </dd>
        <dt>{t('newsroom.session.key')}</dt>
        <dd className="mono" data-testid="newsroom-key">
          {status.key ? status.key.fingerprint : t('newsroom.session.noKey')}
        </dd>
        {status.key && (
          <>
            <dt>{t('newsroom.session.keyFile')}</dt>
            <dd className="mono newsroom-path" data-testid="newsroom-key-file">
              {status.key.file}
            </dd>
          </>
        )}
      </dl>
      <PendingSaves status={status} />
    </div>
  );
}

/**
 * With no save waiting: that everything reached the newsroom, unless changes of stories held away
 * (issue 18) wait in the outbox; those go up at check-in, so they are not said to be delivered.
 */
export function nothingPendingText(status: NewsroomStatus, t: ReturnType<typeof useI18n>['t']): string {
  const outbox = status.outbox ?? 0;
  return outbox > 0 ? t('checkout.offline.outboxKept', { count: outbox }) : t('newsroom.pendingNone');
}

/** The saves kept on this computer that have not reached the newsroom yet. */
export function PendingSaves({ status }: { status: NewsroomStatus }) {
  const { t, locale } = useI18n();
  if (status.pending.length === 0) {
    return status.state === 'unreachable' ? (
      <p className="newsroom-hint" data-testid="newsroom-pending-none">
        {nothingPendingText(status, t)}
      </p>
    ) : null;
  }
  return (
    <section
      className="newsroom-pending"
      data-testid="newsroom-pending"
      aria-label={t('newsroom.session.pendingTitle')}
    >
      <p>{t('newsroom.pending', { count: status.pending.length })}</p>
      <ul>
        {status.pending.map((p) => (
          <li key={`${p.storyId}:${p.at}`}>
            {t('newsroom.session.pendingItem', {
              headline: p.headline || t('newsroom.untitled'),
              rev: p.baseRev,
              time: formatUpdated(p.at, locale),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
