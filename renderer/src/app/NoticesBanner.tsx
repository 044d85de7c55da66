import type { Notice } from '../../../shared/api';
import { useI18n } from './i18n/i18n';

type Props = { notices: readonly Notice[]; onDismiss: (id: string) => void };

/** Storage notices (a recovered story, a damaged file moved aside), each dismissed once read. */
export function NoticesBanner({ notices, onDismiss }: Props) {
  const { t, tKey } = useI18n();
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notices.title')} data-testid="notices-banner">
      <ul>
        {notices.map((notice) => (
          <li
            key={notice.id}
            className={`notice notice-${notice.level}`}
            data-testid="notice"
            data-notice-id={notice.id}
          >
            <span>{tKey(notice.key, notice.params) ?? t('notice.unknown', { key: notice.key })}</span>
            <button type="button" onClick={() => onDismiss(notice.id)} data-testid="notice-dismiss">
              {t('notices.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
