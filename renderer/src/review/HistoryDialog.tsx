/**
 * Version history: the kept revisions, two picked for a side-by-side diff, restore as a new
 * revision. A story in conflict (issue 18) shows first its two versions (the current one and the
 * one brought back) with their diff and the pick (ConflictPanel).
 */
import { useEffect, useState } from 'react';

import type { HistoryList, RevisionDiff } from '../../../shared/review/review-contract';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import type { Story } from '../../../shared/model';
import { useOptionalCheckout } from '../checkout/CheckoutContext';
import { ConflictPanel } from '../checkout/ConflictPanel';
import { desk } from '../platform/desk-client';
import { DiffView } from './DiffView';

type Props = {
  storyId: string;
  readOnly: boolean;
  onClose: () => void;
  onRestore: (rev: number) => Promise<void>;
  /** A conflict was resolved here: the pick is the story's new revision. */
  onResolved?: (story: Story) => void;
};

export function HistoryDialog({ storyId, readOnly, onClose, onRestore, onResolved }: Props) {
  const { t } = useI18n();
  const checkout = useOptionalCheckout();
  const conflict = checkout?.online ? checkout.conflictOf(storyId) : undefined;
  const { showError } = useFeedback();
  const [list, setList] = useState<HistoryList | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<RevisionDiff | null>(null);

  useEffect(() => {
    desk['history.list']({ id: storyId }).then(
      (l) => {
        setList(l);
        setTo(l.entries[0]?.rev ?? null);
        setFrom(l.entries[1]?.rev ?? l.entries[0]?.rev ?? null);
      },
      (err: unknown) => showError(err, 'safe.nothingChanged'),
    );
  }, [storyId, showError]);

  useEffect(() => {
    if (from === null || to === null) return;
    let live = true;
    desk['history.diff']({ id: storyId, from, to }).then(
      (d) => live && setDiff(d),
      (err: unknown) => showError(err, 'safe.nothingChanged'),
    );
    return () => {
      live = false;
    };
  }, [storyId, from, to, showError]);

  return (
    <Dialog
      title={t('history.title')}
      onClose={onClose}
      testId="history-dialog"
      footer={
        <button type="button" onClick={onClose} data-testid="history-close">
          {t('history.close')}
        </button>
      }
    >
      {conflict && (
        <ConflictPanel
          key={conflict.conflictId}
          storyId={storyId}
          onResolved={(story) => {
            onResolved?.(story);
            onClose();
          }}
        />
      )}
      <div className="history">
        <table className="history-list" data-testid="history-list">
          <thead>
            <tr>
              <th>{t('history.from')}</th>
              <th>{t('history.to')}</th>
              <th />
              <th />
              <th />
            </tr>
          </thead>
          <tbody>
            {list?.entries.map((e) => (
              <tr key={e.rev} data-testid="history-entry" data-rev={e.rev}>
                <td>
                  <input
                    type="radio"
                    name="from"
                    checked={from === e.rev}
                    onChange={() => setFrom(e.rev)}
                    aria-label={t('history.from')}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="to"
                    checked={to === e.rev}
                    onChange={() => setTo(e.rev)}
                    aria-label={t('history.to')}
                  />
                </td>
                <td>
                  <strong>{t('history.rev', { rev: e.rev })}</strong>
                  {e.current && <span className="tag">{t('history.current')}</span>}
                  {e.signed && <span className="tag tag-signed">{t('history.signedMark')}</span>}
                  <div className="muted">
                    {e.savedBy} · {new Date(e.savedAt).toLocaleString()} ·{' '}
                    {t('history.chars', { count: e.chars })}
                  </div>
                </td>
                <td className="muted">
                  {e.signatures.map((s) => t(`level.${s.level}`) + ' ' + s.name).join('、')}
                </td>
                <td>
                  {!e.current && (
                    <button
                      type="button"
                      disabled={readOnly}
                      data-testid="history-restore"
                      onClick={() => void onRestore(e.rev)}
                    >
                      {t('history.restore')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {diff && <DiffView fields={diff.fields} />}
      </div>
    </Dialog>
  );
}
