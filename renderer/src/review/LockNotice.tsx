/**
 * The line above the story that says who may change it now (issue 19): nobody
 * chosen (read-only, with the way to the identity picker), someone else holding
 * the lock (read-only, with their name and the take-over), free (the first edit
 * locks it), or held here.
 */
import { isEditor } from '../../../shared/review/roles';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { USER_SWITCH_ID } from './UserSwitch';
import { useReviewUsers } from './ReviewContext';
import type { StoryLock } from './use-story-lock';

/** Puts the keyboard focus on the header's identity select (the picker). */
export function focusUserSwitch(): void {
  document.getElementById(USER_SWITCH_ID)?.focus();
}

export function LockNotice({ lock }: { lock: StoryLock }) {
  const { t } = useI18n();
  const { showError, toast } = useFeedback();
  const { current } = useReviewUsers();
  const holder = lock.view?.holder;

  if (lock.reason === 'nobody') {
    return (
      <div className="review-lock" role="status" data-testid="lock-nobody">
        <strong>{t('identity.nobodyTitle')}</strong>
        <span>{t('identity.nobodyBody')}</span>
        <button type="button" data-testid="lock-choose-user" onClick={focusUserSwitch}>
          {t('identity.choose')}
        </button>
      </div>
    );
  }
  if (lock.reason === 'lock' && holder) {
    return (
      <div className="review-lock" role="status" data-testid="lock-banner">
        <strong data-testid="lock-holder">{t('lock.heldBy', { name: holder.name })}</strong>
        <span>{t('lock.readOnly', { name: holder.name })}</span>
        {isEditor(current) && (
          <button
            type="button"
            data-testid="lock-takeover"
            onClick={() =>
              void lock.takeOver().then(
                () => toast(t('lock.takenOver')),
                (err: unknown) => showError(err, 'safe.nothingChanged'),
              )
            }
          >
            {t('lock.takeOver')}
          </button>
        )}
      </div>
    );
  }
  if (lock.reason !== null || !lock.view) return null;
  const mine = lock.view.mine;
  return (
    <div
      className={`lock-state${mine ? ' lock-mine' : ''}`}
      role="status"
      data-testid="lock-state"
      data-state={mine ? 'mine' : 'free'}
    >
      {mine ? t('identity.lockedByYou') : t('identity.lockOnEdit')}
    </div>
  );
}
