/**
 * Export of the page's layout package and its publication (issue 7). Export is offered
 * only when every story is approved (no hard block); while errors are open it is refused
 * unless the person at the desk is an editor, who overrides with a reason in a dialog.
 * While it runs, the steps done so far (pages.exportProgress, polled) and the seconds
 * elapsed are shown; at the end the package folder, which the app opens in the file
 * manager and the browser offers to copy. Publishing (after an export) puts the stories
 * into the archive.
 */
import { useEffect, useRef, useState } from 'react';

import type { Finding } from '../../../shared/checks/finding';
import type { PageExportProgress, PageExportResult, PagePlan, PreflightReport } from '../../../shared/model';
import { isEditor } from '../../../shared/review/roles';
import { useFeedback } from '../app/feedback';
import { useI18n, type Translator } from '../app/i18n/i18n';
import { desk, transport } from '../platform/desk-client';
import { useReviewUsers } from '../review/ReviewContext';
import { OverrideDialog } from './OverrideDialog';

type Props = {
  plan: PagePlan;
  report: PreflightReport<Finding> | null;
  checking: boolean;
  /** After an export or a publication: the plan and the preflight are read again. */
  onChanged: () => Promise<void>;
};

const POLL_MS = 250;

function stepLabel({ t }: Translator, step: string): string {
  const story = /^story (\d+)$/.exec(step);
  if (story) return t('pages.export.step.story', { n: Number(story[1]) });
  if (step === 'preflight') return t('pages.export.step.preflight');
  if (step === 'proof.pdf') return t('pages.export.step.proof');
  if (step === 'package') return t('pages.export.step.package');
  return step;
}

export function ExportPanel({ plan, report, checking, onChanged }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { showError, toast } = useFeedback();
  const { current } = useReviewUsers();
  const editor = isEditor(current);
  const [overriding, setOverriding] = useState(false);
  const [running, setRunning] = useState<{ started: number; progress: PageExportProgress | null } | null>(
    null,
  );
  const [elapsed, setElapsed] = useState(0);
  const [result, setResult] = useState<PageExportResult | null>(null);
  const [publishing, setPublishing] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  // While an export runs: its steps and the seconds elapsed, four times a second.
  const isRunning = running !== null;
  useEffect(() => {
    if (!isRunning) return;
    let live = true;
    const timer = window.setInterval(() => {
      setElapsed((Date.now() - (running?.started ?? Date.now())) / 1000);
      desk['pages.exportProgress']({ name: plan.name, date: plan.date }).then(
        (progress) => live && setRunning((r) => (r ? { ...r, progress } : r)),
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one poller per run
  }, [isRunning, plan.name, plan.date]);

  useEffect(() => {
    if (result) resultRef.current?.focus({ preventScroll: true });
  }, [result]);

  const hardBlocked = !report || report.hardBlocks.length > 0;
  const openErrors = report?.openErrors ?? 0;

  const run = async (reason?: string) => {
    setOverriding(false);
    setResult(null);
    setElapsed(0);
    setRunning({ started: Date.now(), progress: null });
    try {
      const done = await desk['pages.export']({
        name: plan.name,
        date: plan.date,
        ...(reason ? { force: true, reason } : {}),
      });
      setResult(done);
      await onChanged();
    } catch (err) {
      showError(err, 'safe.pageNothingExported');
      await onChanged();
    } finally {
      setRunning(null);
    }
  };

  const openFolder = async (folder: string) => {
    try {
      await desk['pages.openFolder']({ folder });
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const copy = async (folder: string) => {
    try {
      await navigator.clipboard.writeText(folder);
      toast(t('pages.export.copied'));
    } catch {
      toast(t('pages.export.copyFailed'));
    }
  };

  const publish = async () => {
    setPublishing(true);
    try {
      const done = await desk['pages.publish']({ name: plan.name, date: plan.date });
      toast(t('pages.publish.toast', { page: plan.name, added: done.added }));
      await onChanged();
    } catch (err) {
      showError(err, 'safe.pageNothingPublished');
    } finally {
      setPublishing(false);
    }
  };

  let status: string;
  if (!report || checking) status = t('pages.preflight.running');
  else if (hardBlocked) status = t('pages.export.notApproved');
  else if (openErrors > 0)
    status = editor
      ? t('pages.export.blocked', { count: openErrors })
      : t('pages.export.blockedNotEditor', { count: openErrors });
  else status = t('pages.export.ready');

  const steps = running?.progress?.steps ?? [];
  const last = steps[steps.length - 1];
  const folder = result?.folder ?? plan.exported?.folder ?? null;

  return (
    <section className="export-panel" aria-labelledby="export-title" data-testid="export-panel">
      <div className="page-section-head">
        <h2 id="export-title">{t('pages.export.title')}</h2>
      </div>
      <p
        className={hardBlocked || openErrors > 0 ? 'export-status blocked' : 'export-status'}
        data-testid="export-status"
      >
        {status}
      </p>
      <div className="export-actions">
        <button
          type="button"
          className="primary"
          data-testid="export-button"
          disabled={hardBlocked || checking || openErrors > 0 || isRunning}
          onClick={() => void run()}
        >
          {t('pages.export.button')}
        </button>
        {openErrors > 0 && !hardBlocked && editor && (
          <button
            type="button"
            className="danger"
            data-testid="export-override"
            disabled={checking || isRunning}
            onClick={() => setOverriding(true)}
          >
            {t('pages.export.override')}
          </button>
        )}
      </div>
      {running && (
        <div className="export-progress" role="status" aria-live="polite" data-testid="export-progress">
          <progress
            className="export-progress-bar"
            {...(last && last.total > 0 ? { max: last.total, value: last.done } : {})}
          />
          <span>{t('pages.export.running', { seconds: elapsed.toFixed(1) })}</span>
          {last && (
            <span className="muted">
              {last.total > 0
                ? t('pages.export.step', {
                    step: stepLabel(i18n, last.step),
                    done: last.done,
                    total: last.total,
                  })
                : stepLabel(i18n, last.step)}
            </span>
          )}
        </div>
      )}
      {result && (
        <div
          className="export-result"
          tabIndex={-1}
          ref={resultRef}
          role="status"
          data-testid="export-result"
        >
          <p>
            {t('pages.export.done', { files: result.files.length, seconds: (result.ms / 1000).toFixed(1) })}
          </p>
          {result.override && (
            <p className="muted" data-testid="export-overridden">
              {t('pages.export.overridden', {
                by: result.override.by,
                count: result.override.openErrors,
                reason: result.override.reason,
              })}
            </p>
          )}
        </div>
      )}
      {folder && (
        <div className="export-folder">
          <label>
            <span>{t('pages.export.folder')}</span>
            <input readOnly value={folder} data-testid="export-folder" onFocus={(e) => e.target.select()} />
          </label>
          {transport === 'electron' ? (
            <button type="button" data-testid="export-open" onClick={() => void openFolder(folder)}>
              {t('pages.export.open')}
            </button>
          ) : (
            <button type="button" data-testid="export-copy" onClick={() => void copy(folder)}>
              {t('pages.export.copy')}
            </button>
          )}
        </div>
      )}
      {!result && plan.exported && (
        <p className="muted" data-testid="export-last">
          {t('pages.export.last', {
            at: plan.exported.at.slice(0, 16).replace('T', ' '),
            by: plan.exported.by,
          })}
        </p>
      )}

      <div className="publish">
        <h3>{t('pages.publish.title')}</h3>
        {plan.published ? (
          <p data-testid="publish-done">
            {t('pages.publish.done', {
              at: plan.published.at.slice(0, 16).replace('T', ' '),
              by: plan.published.by,
              count: plan.published.archiveIds.length,
            })}
          </p>
        ) : (
          <>
            <p className="muted">
              {!plan.exported
                ? t('pages.publish.needsExport')
                : editor
                  ? t('pages.publish.hint')
                  : t('pages.publish.notEditor')}
            </p>
            <button
              type="button"
              data-testid="publish-button"
              disabled={!plan.exported || !editor || publishing || isRunning}
              onClick={() => void publish()}
            >
              {t('pages.publish.button')}
            </button>
          </>
        )}
      </div>

      {overriding && current && (
        <OverrideDialog
          openErrors={openErrors}
          editorName={current.name}
          onConfirm={(reason) => void run(reason)}
          onClose={() => setOverriding(false)}
        />
      )}
    </section>
  );
}
