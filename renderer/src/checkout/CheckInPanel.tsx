/**
 * 交回 (issue 18): in the 连接编辑部 dialog, the stories checked out on this computer and the
 * button that checks them in, with its progress (第 n / m 项) and what came of it (new
 * revisions, new stories, parallel versions), or what was refused and kept safe. Offline the
 * button says why it waits: the desk sends what was written away by itself once the newsroom answers.
 */
import { useState } from 'react';

import type { CheckInReport } from '../../../shared/api/checkout-contract';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { useOptionalCheckout, type CheckInProgress } from './CheckoutContext';
import { checkInCounts, formatSince } from './checkout-view';

export function CheckInPanel() {
  const { t, locale } = useI18n();
  const { showError } = useFeedback();
  const checkout = useOptionalCheckout();
  const [progress, setProgress] = useState<CheckInProgress | null>(null);
  const [report, setReport] = useState<CheckInReport | null>(null);
  const [working, setWorking] = useState(false);
  if (!checkout || (!checkout.online && !checkout.offline)) return null;
  const mine = checkout.mine;

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
            </li>
          ))}
        </ul>
      )}
      {checkout.offline && <p className="newsroom-hint">{t('checkout.checkIn.auto')}</p>}
      <div className="checkin-actions">
        <button
          type="button"
          className="primary"
          data-testid="checkin-run"
          disabled={working || mine.length === 0 || !checkout.online}
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
              {t('checkout.checkIn.refused', { detail: report.refused.detail })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
