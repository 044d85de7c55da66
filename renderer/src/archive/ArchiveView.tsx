/** The archive screen: published stories and past pages by date and page, full-text search, read-only view. */
import { useI18n } from '../app/i18n/i18n';

type Props = {
  /** An archived story to show at once (a duplicate finding's "also appeared in …" link). */
  openId: string | null;
};

export function ArchiveView(_props: Props) {
  const { t } = useI18n();
  return (
    <main className="view-main" aria-label={t('archive.title')} data-testid="archive-view">
      <p className="view-empty">{t('archive.empty')}</p>
    </main>
  );
}
