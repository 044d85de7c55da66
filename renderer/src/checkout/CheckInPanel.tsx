/**
 * 交回 (issue 18): in the 连接编辑部 dialog, what the desk reports it holds away (newsroom.status):
 * the stories checked out on this computer, each with the changes of it waiting, the drafts written
 * offline, how many operations wait in the outbox, when the last check-in answered, a check-in the
 * newsroom refused (what, why, and that it is kept here), and the check-ins kept as parallel
 * versions (someone took the story over), each with the way to its two versions. Then the button
 * that checks in, with its progress (第 n / m 项) and what came of it. Offline the button says why
 * it waits: the desk sends what was written away by itself once the newsroom answers.
 */
import { useState } from 'react';

import type { CheckInReport } from '../../../shared/api/checkout-contract';
import type { AwayStory, NewsroomStatus } from '../../../shared/api/newsroom-contract';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n, type Translator } from '../app/i18n/i18n';
import { formatUpdated } from '../desk/format-time';
import { useNewsroom } from '../newsroom/NewsroomContext';
import { useOptionalCheckout, type CheckInProgress } from './CheckoutContext';
import { ConflictPanel } from './ConflictPanel';
import { checkInCounts, formatSince } from './checkout-view';

/** Why the newsroom refused an operation, in words: its message when it needs no names, else its detail. */
function refusalText(refused: NonNullable<NewsroomStatus['checkInRefused']>, { tKey }: Translator): string {
  const said = tKey(refused.key);
  return said && !/\{\w+\}/.test(said) ? said : refused.detail;
}

export function CheckInPanel() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { showError } = useFeedback();
  const { status } = useNewsroom();
  const checkout = useOptionalCheckout();
  const [progress, setProgress] = useState<CheckInProgress | null>(null);
  const [report, setReport] = useState<CheckInReport | null>(null);
  const [working, setWorking] = useState(false);
  const [comparing, setComparing] = useState<string | null>(null);
  if (!checkout || (!checkout.online && !checkout.offline)) return null;
  const { mine, drafts } = checkout;
  const away = status?.away ?? [];
  const outbox = status?.outbox ?? 0;
  const parallel = status?.parallel ?? [];
  const refused = status?.checkInRefused ?? null;
  const lastCheckIn = status?.lastCheckIn ?? null;
  const waitingOf = new Map(away.map((a) => [a.storyId, a.waiting]));
  const mineIds = new Set(mine.map((i) => i.storyId));
  // Held here with changes waiting, but no longer checked out to this desk (an editor took it over).
  const takenOver = away.filter((a) => a.kind === 'checkout' && !mineIds.has(a.storyId) && a.waiting > 0);
  const anything = mine.length + drafts.length + takenOver.length > 0 || outbox > 0;

  const run = async () => {
    setWorking(true);
    setReport(null);
    try {
      setReport(await checkout.checkIn(setProgress));
    } catch (err) {
      showError(err, 'checkout.checkIn.safe');
    } finally {
      setWorking(false);
    }
  };

  const waiting = (id: string) => {
    const n = waitingOf.get(id) ?? 0;
    return n > 0 ? t('checkout.checkIn.waiting', { count: n }) : t('checkout.checkIn.unchanged');
  };
  const draftLine = (d: AwayStory) =>
    t('checkout.checkIn.draft', {
      headline: d.headline || t('list.untitled'),
      since: formatSince(d.since, locale),
    });

  const counts = report ? checkInCounts(report) : null;
  return (
    <section className="checkin" data-testid="checkin-panel" aria-labelledby="checkin-heading">
      <h3 id="checkin-heading">{t('checkout.checkIn.heading')}</h3>
      <p data-testid="checkin-count">
        {mine.length > 0 ? t('checkout.checkIn.mine', { count: mine.length }) : t('checkout.checkIn.none')}
      </p>
      {mine.length > 0 && (
        <ul className="checkin-list">
          {mine.map((i) => (
            <li key={i.storyId} data-testid="checkin-item" data-story-id={i.storyId}>
              {t('checkout.heldByMe', { desk: i.desk, since: formatSince(i.since, locale) })} —{' '}
              {i.headline || t('list.untitled')}
              <span className="checkin-waiting" data-testid="checkin-item-waiting">
                {waiting(i.storyId)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {drafts.length > 0 && (
        <ul className="checkin-list" aria-label={t('checkout.checkIn.draftsTitle')}>
          {drafts.map((d) => (
            <li key={d.storyId} data-testid="checkin-draft" data-story-id={d.storyId}>
              {draftLine(d)}
            </li>
          ))}
        </ul>
      )}
      {takenOver.length > 0 && (
        <ul className="checkin-list" aria-label={t('checkout.checkIn.takenOverTitle')}>
          {takenOver.map((a) => (
            <li key={a.storyId} data-testid="checkin-taken-over" data-story-id={a.storyId}>
              {t('checkout.checkIn.takenOver', {
                headline: a.headline || t('list.untitled'),
                count: a.waiting,
              })}
            </li>
          ))}
        </ul>
      )}
      <dl className="about-list checkin-facts">
        <dt>{t('checkout.checkIn.deskTitle')}</dt>
        <dd className="mono" data-testid="checkin-desk">
          {checkout.deskName || '—'}
        </dd>
        <dt>{t('checkout.checkIn.outboxTitle')}</dt>
        <dd data-testid="checkin-outbox" data-count={outbox}>
          {outbox > 0 ? t('checkout.checkIn.outbox', { count: outbox }) : t('checkout.checkIn.outboxNone')}
        </dd>
        <dt>{t('checkout.checkIn.lastTitle')}</dt>
        <dd data-testid="checkin-last">
          {lastCheckIn ? formatUpdated(lastCheckIn, locale) : t('checkout.checkIn.lastNone')}
        </dd>
      </dl>
      {refused && (
        <p className="checkout-problem" role="alert" data-testid="checkin-status-refused">
          {t('checkout.checkIn.refusedKept', { reason: refusalText(refused, i18n), count: outbox })}
        </p>
      )}
      {parallel.length > 0 && (
        <section
          className="checkin-parallel"
          data-testid="checkin-parallel"
          aria-label={t('checkout.checkIn.parallelTitle')}
        >
          <p>{t('checkout.checkIn.parallelBody', { count: parallel.length })}</p>
          <ul className="checkin-list">
            {parallel.map((p) => {
              const open = checkout.conflictOf(p.storyId);
              return (
                <li key={p.opId} data-testid="checkin-parallel-item" data-story-id={p.storyId}>
                  {t('checkout.checkIn.parallelItem', {
                    headline: p.headline || t('list.untitled'),
                    rev: p.revision,
                    at: formatUpdated(p.at, locale),
                  })}{' '}
                  {open ? (
                    <button
                      type="button"
                      className="link"
                      data-testid="checkin-parallel-open"
                      aria-haspopup="dialog"
                      disabled={!checkout.online}
                      title={checkout.online ? undefined : t('checkout.offline.needsServer')}
                      onClick={() => setComparing(p.storyId)}
                    >
                      {t('checkout.conflict.open')}
                    </button>
                  ) : (
                    <span className="muted" data-testid="checkin-parallel-done">
                      {t('checkout.checkIn.parallelDone')}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {checkout.offline && <p className="newsroom-hint">{t('checkout.checkIn.auto')}</p>}
      <div className="checkin-actions">
        <button
          type="button"
          className="primary"
          data-testid="checkin-run"
          disabled={working || !anything || !checkout.online}
          aria-describedby={checkout.online ? undefined : 'checkin-why'}
          title={t('checkout.checkInTitle')}
          onClick={() => void run()}
        >
          {t('checkout.checkIn')}
        </button>
        {!checkout.online && (
          <span id="checkin-why" className="muted" data-testid="checkin-why">
            {t('checkout.checkIn.offline')}
          </span>
        )}
        {working && progress && (
          <span role="status" data-testid="checkin-progress">
            <progress max={Math.max(1, progress.total)} value={progress.done} />{' '}
            {t('checkout.checkIn.progress', { done: progress.done, total: progress.total })}
          </span>
        )}
      </div>
      {report && counts && (
        <div className="checkin-summary" role="status" data-testid="checkin-summary">
          <p>{t('checkout.checkIn.summary', { ...counts, released: report.released.length })}</p>
          {counts.repeated > 0 && <p>{t('checkout.checkIn.repeated', { count: counts.repeated })}</p>}
          {report.refused && (
            <p className="checkout-problem" role="alert" data-testid="checkin-refused">
              {t('checkout.checkIn.refused', {
                detail: i18n.tKey(report.refused.key, report.refused.params) ?? report.refused.detail,
              })}
            </p>
          )}
        </div>
      )}
      {comparing && (
        <Dialog
          title={t('checkout.conflict.title')}
          onClose={() => setComparing(null)}
          testId="conflict-dialog"
        >
          <ConflictPanel
            storyId={comparing}
            onResolved={() => {
              setComparing(null);
              void checkout.refresh();
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
