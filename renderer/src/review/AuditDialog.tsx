/**
 * The review record (issue 6) of a story and of its page, with a CSV export for
 * Excel: every status change, signature, edit after signing, lock take-over,
 * override and export, with who and when. Opened from the story's review strip
 * (both tabs when the story is on a page) or for a page alone (PageAuditButton).
 */
import { useEffect, useState } from 'react';

import type { AuditEntry } from '../../../shared/review/audit';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';

type Target = { id: string } | { page: string };

export function AuditDialog({
  storyId,
  page = null,
  onClose,
}: {
  /** Null: the page's record only. */
  storyId: string | null;
  page?: string | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const [tab, setTab] = useState<'story' | 'page'>(storyId ? 'story' : 'page');
  const target: Target | null = tab === 'story' && storyId ? { id: storyId } : page ? { page } : null;
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  /** Headlines of the stories a page's record names. */
  const [titles, setTitles] = useState<Map<string, string>>(new Map());

  const key = target ? ('id' in target ? `id:${target.id}` : `page:${target.page}`) : '';
  useEffect(() => {
    if (!key) return;
    const [kind, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const request: Target = kind === 'id' ? { id: value } : { page: value };
    let live = true;
    setEntries(null);
    desk['review.audit'](request).then(
      (list) => live && setEntries(list),
      (err: unknown) => showError(err, 'safe.nothingChanged'),
    );
    if (kind === 'page') {
      desk['stories.list']({ text: '', status: null, page: value, sort: 'updated-desc', trash: false }).then(
        (r) => live && setTitles(new Map(r.items.map((s) => [s.id, s.headline || s.id]))),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [key, showError]);

  const download = async () => {
    if (!target) return;
    try {
      const csv = await desk['review.auditCsv'](target);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'id' in target ? `audit-${target.id}.csv` : `audit-page-${target.page}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const showStory = tab === 'page';
  return (
    <Dialog
      title={storyId ? t('audit.title') : t('audit.pageTitle', { page: page ?? '' })}
      onClose={onClose}
      testId="audit-dialog"
      footer={
        <>
          <button type="button" data-testid="audit-csv" disabled={!target} onClick={() => void download()}>
            {t('audit.csv')}
          </button>
          <button type="button" onClick={onClose}>
            {t('history.close')}
          </button>
        </>
      }
    >
      {storyId && (
        <div className="audit-tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'story'}
            data-testid="audit-tab-story"
            onClick={() => setTab('story')}
          >
            {t('audit.tabStory')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'page'}
            disabled={!page}
            title={page ? undefined : t('audit.noPage')}
            data-testid="audit-tab-page"
            onClick={() => setTab('page')}
          >
            {t('audit.tabPage', { page: page ?? '—' })}
          </button>
        </div>
      )}
      {entries && entries.length === 0 && <p>{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <div className="audit-scroll">
          <table className="audit-table" data-testid="audit-list" data-target={key}>
            <thead>
              <tr>
                <th scope="col">{t('audit.colTime')}</th>
                <th scope="col">{t('audit.colEvent')}</th>
                <th scope="col">{t('audit.colPerson')}</th>
                <th scope="col">{t('audit.colRev')}</th>
                {showStory && <th scope="col">{t('audit.colStory')}</th>}
                <th scope="col">{t('audit.colDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={i} data-testid="audit-entry" data-kind={e.kind}>
                  <td className="audit-time">{new Date(e.at).toLocaleString()}</td>
                  <td className="audit-nowrap">
                    <strong className={`audit-kind audit-kind-${e.kind}`}>{t(`audit.kind.${e.kind}`)}</strong>
                    {e.level && ` · ${t(`level.${e.level}`)}`}
                  </td>
                  <td className="audit-nowrap" title={e.userId}>
                    {e.name}
                  </td>
                  <td className="audit-nowrap">{e.rev !== null ? t('history.rev', { rev: e.rev }) : ''}</td>
                  {showStory && (
                    <td className="audit-story">
                      {e.storyId ? (titles.get(e.storyId) ?? e.storyId) : t('audit.wholePage')}
                    </td>
                  )}
                  <td className="audit-detail">{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}

/** The review record of a page on its own, for the pages screen to mount beside a page. */
export function PageAuditButton({ page }: { page: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="page-audit-open" onClick={() => setOpen(true)}>
        {t('review.audit')}
      </button>
      {open && <AuditDialog storyId={null} page={page} onClose={() => setOpen(false)} />}
    </>
  );
}
