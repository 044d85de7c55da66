import type { StoryStatus } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';

export function StatusBadge({ status }: { status: StoryStatus }) {
  const { t } = useI18n();
  return (
    <span className={`status-badge status-${status}`} data-testid="status-badge" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
