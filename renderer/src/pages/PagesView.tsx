/** The pages screen: page plans, each page's preflight report and its export. */
import { useI18n } from '../app/i18n/i18n';

type Props = {
  /** Opens a story on the stories screen (from a slot or a preflight item). */
  onOpenStory: (id: string) => void;
};

export function PagesView(_props: Props) {
  const { t } = useI18n();
  return (
    <main className="view-main" aria-label={t('pages.title')} data-testid="pages-view">
      <p className="view-empty">{t('pages.empty')}</p>
    </main>
  );
}
