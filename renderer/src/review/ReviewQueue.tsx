/** What waits for the person at the desk: stories at their review levels, and their returned stories. */
import { useEffect, useState } from 'react';

import type { QueueItem } from '../../../shared/review/review-contract';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { useNeedsServer } from '../checkout/use-needs-server';
import { formatUpdated } from '../desk/format-time';
import { desk, onDeskEvent } from '../platform/desk-client';
import { stuckText } from './stuck-text';
import { useReviewUsers } from './ReviewContext';

/** Several changes at once (a page signed off) read the queue once. */
const QUEUE_RELOAD_MS = 200;

export function ReviewQueueButton({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const needsServer = useNeedsServer();
  return (
    <>
      <button
        type="button"
        className="header-button"
        data-testid="queue-open"
        aria-disabled={needsServer ? true : undefined}
        title={needsServer ?? undefined}
        onClick={() => needsServer === null && setOpen(true)}
      >
        {t('queue.open')}
      </button>
      {open && (
        <ReviewQueue
          onClose={() => setOpen(false)}
          onOpen={(id) => {
            setOpen(false);
            onOpen(id);
          }}
        />
      )}
    </>
  );
}

function ReviewQueue({ onClose, onOpen }: { onClose: () => void; onOpen: (id: string) => void }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { showError } = useFeedback();
  const { version } = useReviewUsers();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  // Read again whenever a story moves on or its review changes anywhere (another window, another
  // desk of the newsroom): a story submitted elsewhere appears while the queue is open.
  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const read = () =>
      desk['review.queue']({}).then(
        (next) => live && setItems(next),
        (err: unknown) => live && showError(err, 'safe.nothingChanged'),
      );
    void read();
    const stop = onDeskEvent((event) => {
      if (event.type === 'lock') return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void read(), QUEUE_RELOAD_MS);
    });
    return () => {
      live = false;
      stop();
      window.clearTimeout(timer);
    };
  }, [version, showError]);

  return (
    <Dialog
      title={t('queue.title')}
      onClose={onClose}
      testId="queue-dialog"
      footer={
        <button type="button" onClick={onClose}>
          {t('queue.close')}
        </button>
      }
    >
      {items && items.length === 0 && <p data-testid="queue-empty">{t('queue.empty')}</p>}
      <ul className="queue-list" data-testid="queue-list">
        {items?.map((item) => (
          <li key={item.story.id}>
            <button
              type="button"
              className="queue-item"
              data-testid="queue-item"
              data-story-id={item.story.id}
              onClick={() => onOpen(item.story.id)}
            >
              <span className="queue-headline">{item.story.headline || t('list.untitled')}</span>
              <span className={`tag ${item.level ? '' : 'tag-returned'}`}>
                {item.level ? t('queue.level', { level: t(`level.${item.level}`) }) : t('queue.returned')}
              </span>
              {item.story.page && <span className="muted">{item.story.page}</span>}
              {item.signatures.map((s) => (
                <span key={s.level} className="muted">
                  {t(`level.${s.level}`)} {s.name}
                </span>
              ))}
              {item.stuck ? (
                <span className="queue-blocked" data-testid="queue-stuck">
                  {t('queue.stuck')}
                </span>
              ) : (
                item.blockedBy && <span className="queue-blocked">{t('queue.blocked')}</span>
              )}
              {item.openComments > 0 && (
                <span className="muted">{t('queue.comments', { count: item.openComments })}</span>
              )}
              {item.submission && (
                <span className="queue-submission" data-testid="queue-submission">
                  <span>
                    {t('queue.submittedBy', {
                      name: item.submission.name,
                      at: formatUpdated(item.submission.at, locale),
                    })}
                  </span>
                  <span>{t('queue.chars', { count: item.submission.chars })}</span>
                  {item.submission.findings && (
                    <span data-testid="queue-findings">{t('queue.findings', item.submission.findings)}</span>
                  )}
                  {item.submission.note && (
                    <span className="queue-note" data-testid="queue-note">
                      {t('queue.note', { note: item.submission.note })}
                    </span>
                  )}
                </span>
              )}
              {item.stuck && (
                <span className="queue-stuck-text" data-testid="queue-stuck-text">
                  {stuckText(item.stuck, i18n)}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
