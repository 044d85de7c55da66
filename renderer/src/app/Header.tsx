import type { ReactNode } from 'react';

import { DESK_VIEWS, LOCALES, type DeskView, type Locale } from '../../../shared/model';
import { useI18n } from './i18n/i18n';

/** `tools`: more controls at the start of the tools (the review queue and who is at the desk). */
type Props = {
  view: DeskView;
  onView: (view: DeskView) => void;
  onLocale: (locale: Locale) => void;
  onAbout: () => void;
  tools?: ReactNode;
  /** Views that cannot open now, each with why (offline, issue 18: pages need the newsroom). */
  unavailable?: Partial<Record<DeskView, string>>;
};

export function Header({ view, onView, onLocale, onAbout, tools, unavailable = {} }: Props) {
  const { t, locale } = useI18n();
  return (
    <header className="app-header">
      <div className="app-brand">
        <span className="app-mark" aria-hidden="true">
          党
        </span>
        <h1 className="app-title">{t('app.title')}</h1>
      </div>
      <nav className="app-views" aria-label={t('views.label')}>
        {DESK_VIEWS.map((v, i) => (
          <button
            key={v}
            type="button"
            className="app-view"
            data-testid={`view-${v}`}
            aria-current={v === view ? 'page' : undefined}
            title={unavailable[v] ?? t('views.shortcut', { key: `Alt+${i + 1}` })}
            aria-disabled={unavailable[v] ? true : undefined}
            onClick={() => !unavailable[v] && onView(v)}
          >
            {t(`views.${v}`)}
          </button>
        ))}
      </nav>
      <div className="app-header-tools">
        {tools}
        <label className="locale-label">
          <span className="visually-hidden">{t('header.locale')}</span>
          <select
            data-testid="locale-switch"
            aria-label={t('header.locale')}
            value={locale}
            onChange={(e) => onLocale(e.target.value as Locale)}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`locale.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="header-button" data-testid="about-open" onClick={onAbout}>
          {t('header.about')}
        </button>
      </div>
    </header>
  );
}
