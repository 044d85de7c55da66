import './pages.css';

/**
 * The pages screen (issue 7): the page plans on the left (newest date first, "new
 * page"), and the chosen page: its plan (slots, budgets, lengths, jump lines) beside its
 * preflight report, export and publication.
 */
import { useCallback, useEffect, useState } from 'react';

import type { PageListItem, PagePlan } from '../../../shared/model';
import { useFeedback } from '../app/feedback';
import { describeError } from '../app/describe-error';
import { useI18n } from '../app/i18n/i18n';
import { formatUpdated } from '../desk/format-time';
import { PageAuditButton } from '../review/AuditDialog';
import { desk } from '../platform/desk-client';
import { ExportPanel } from './ExportPanel';
import { JumpLinks } from './JumpLinks';
import { NewPageDialog } from './NewPageDialog';
import { PageList } from './PageList';
import { PagePlanEditor } from './PagePlanEditor';
import { PreflightReport } from './PreflightReport';
import { usePage, type PageRef } from './use-page';

type Props = {
  /** Opens a story on the stories screen (from a slot or a preflight item). */
  onOpenStory: (id: string) => void;
};

const REMEMBERED = 'desk.page';

function rememberedPage(): PageRef | null {
  try {
    const raw = sessionStorage.getItem(REMEMBERED);
    return raw ? (JSON.parse(raw) as PageRef) : null;
  } catch {
    return null;
  }
}

export function PagesView({ onOpenStory }: Props) {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const [items, setItems] = useState<PageListItem[] | null>(null);
  const [selected, setSelected] = useState<PageRef | null>(rememberedPage);
  const [creating, setCreating] = useState(false);

  const reloadList = useCallback(async () => {
    try {
      const list = await desk['pages.list']({});
      setItems(list);
      setSelected((s) =>
        s && list.some((p) => p.name === s.name && p.date === s.date)
          ? s
          : list[0]
            ? { name: list[0].name, date: list[0].date }
            : null,
      );
    } catch (err) {
      setItems([]);
      showError(err, 'safe.nothingChanged', () => void reloadList());
    }
  }, [showError]);

  useEffect(() => {
    void reloadList();
  }, [reloadList]);

  useEffect(() => {
    try {
      if (selected) sessionStorage.setItem(REMEMBERED, JSON.stringify(selected));
    } catch {
      // Private mode: the choice lasts while the screen is open.
    }
  }, [selected]);

  const created = (plan: PagePlan) => {
    setCreating(false);
    setSelected({ name: plan.name, date: plan.date });
    void reloadList();
  };

  return (
    <main className="view-main pages-view" aria-label={t('pages.title')} data-testid="pages-view">
      <PageList items={items} selected={selected} onSelect={setSelected} onNew={() => setCreating(true)} />
      {selected ? (
        <PageDetail
          key={`${selected.name}-${selected.date}`}
          pageRef={selected}
          onOpenStory={onOpenStory}
          onListChanged={reloadList}
        />
      ) : (
        <p className="view-empty">{items?.length === 0 ? t('pages.empty') : t('pages.pick')}</p>
      )}
      {creating && (
        <NewPageDialog
          onCreated={created}
          onClose={() => setCreating(false)}
          exists={(name, date) => !!items?.some((p) => p.name === name && p.date === date)}
          onOpenExisting={(name, date) => {
            setCreating(false);
            setSelected({ name, date });
          }}
        />
      )}
    </main>
  );
}

function PageDetail({
  pageRef,
  onOpenStory,
  onListChanged,
}: {
  pageRef: PageRef;
  onOpenStory: (id: string) => void;
  onListChanged: () => Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const page = usePage(pageRef, () => void onListChanged());
  const { plan, report } = page;

  if (page.loadError) {
    const text = describeError(page.loadError, i18n);
    return (
      <div className="page-detail" role="alert" data-testid="page-load-error">
        <p className="view-empty">
          {text.message} {t('safe.pageNothingSaved')}
        </p>
      </div>
    );
  }
  if (!plan) {
    return (
      <div className="page-detail">
        <p className="view-empty">{t('pages.loading')}</p>
      </div>
    );
  }
  const changed = async () => {
    await page.reload();
    await onListChanged();
  };
  return (
    <div className="page-detail" data-testid="page-detail" data-page={`${plan.name}-${plan.date}`}>
      <header className="page-head">
        <h1 data-testid="page-title">{t('pages.head', { name: plan.name, date: plan.date })}</h1>
        {plan.edition && <span className="page-edition">{plan.edition}</span>}
        <span className="muted" data-testid="page-saved">
          {page.saving
            ? t('pages.plan.saving')
            : t('pages.head.rev', {
                rev: plan.rev,
                by: plan.updatedBy,
                at: formatUpdated(plan.updatedAt, i18n.locale),
              })}
        </span>
        <PageAuditButton page={plan.name} />
      </header>
      <div className="page-columns">
        <div className="page-column">
          <PagePlanEditor
            plan={plan}
            report={report}
            stories={page.stories}
            onChange={page.save}
            onOpenStory={onOpenStory}
          />
          <JumpLinks plan={plan} stories={page.stories} onChange={page.save} />
        </div>
        <div className="page-column">
          <ExportPanel plan={plan} report={report} checking={page.checking} onChanged={changed} />
          <PreflightReport
            report={report}
            checking={page.checking}
            onRecheck={() => void page.preflight()}
            onOpenStory={onOpenStory}
          />
        </div>
      </div>
    </div>
  );
}
