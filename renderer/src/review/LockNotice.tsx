/**
 * The line above the story that says who may change it now (issue 19): nobody
 * chosen (read-only, with the way to the identity picker), someone else holding
 * the lock (read-only, with their name and the take-over), free (the first edit
 * locks it), or held here. A story checked out (issue 18) says who took it, to
 * which computer and since when; an editor takes it over with a reason; a free
 * story can be taken away from here (带走编辑); a story in conflict shows its banner.
 */
import { isEditor } from '../../../shared/review/roles';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { useOptionalCheckout } from '../checkout/CheckoutContext';
import { CHECKOUT_SHORTCUT } from '../checkout/checkout-shortcut';
import { formatSince } from '../checkout/checkout-view';
import { ConflictBanner } from '../checkout/ConflictBanner';
import { USER_SWITCH_ID } from './UserSwitch';
import { useReviewUsers } from './ReviewContext';
import type { StoryLock } from './use-story-lock';

/** Puts the keyboard focus on the header's identity select (the picker). */
export function focusUserSwitch(): void {
  document.getElementById(USER_SWITCH_ID)?.focus();
}

export function LockNotice({ lock }: { lock: StoryLock }) {
  const { t, locale } = useI18n();
  const { showError, toast } = useFeedback();
  const { current } = useReviewUsers();
  const checkout = useOptionalCheckout();
  const holder = lock.view?.holder;
  const away = lock.view?.checkout ?? null;
  const storyId = lock.view?.storyId ?? null;
  const conflict = storyId ? <ConflictBanner storyId={storyId} onResolved={() => lock.reload()} /> : null;

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
  if (away && holder && storyId) {
    const since = formatSince(away.since, locale);
    // One's own check-out is one's own on the desk it went to; on another desk of the same person it is read only.
    const myPerson = holder.userId === current?.id;
    const mine =
      lock.view?.mine === true || (myPerson && checkout !== null && away.desk === checkout.deskName);
    if (mine) {
      return (
        <>
          {conflict}
          <div
            className="lock-state lock-mine lock-away"
            role="status"
            data-testid="checkout-state"
            data-state="mine"
          >
            {t('checkout.heldByMe', { desk: away.desk, since })}
          </div>
        </>
      );
    }
    return (
      <>
        {conflict}
        <div className="review-lock lock-away" role="status" data-testid="checkout-banner">
          <strong data-testid="checkout-holder">
            {myPerson
              ? t('checkout.heldByMeElsewhere', { desk: away.desk, since })
              : t('checkout.heldBy', { name: holder.name, desk: away.desk, since })}
          </strong>
          <span>
            {myPerson
              ? t('checkout.readOnlyElsewhere', { desk: away.desk })
              : t('checkout.readOnly', { name: holder.name })}
          </span>
          {isEditor(current) && checkout && (
            <button
              type="button"
              data-testid="checkout-takeover"
              disabled={!checkout.online}
              title={checkout.online ? undefined : t('checkout.offline.needsServer')}
              onClick={() =>
                checkout.askTakeOver({
                  storyId,
                  headline: checkout.itemOf(storyId)?.headline ?? '',
                  name: holder.name,
                  desk: away.desk,
                  since: away.since,
                })
              }
            >
              {t('checkout.takeOver')}
            </button>
          )}
        </div>
      </>
    );
  }
  if (lock.reason === 'lock' && holder) {
    return (
      <>
        {conflict}
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
      </>
    );
  }
  if (lock.reason !== null || !lock.view) return conflict;
  const mine = lock.view.mine;
  const takeable = checkout?.online === true && storyId !== null;
  return (
    <>
      {conflict}
      <div
        className={`lock-state${mine ? ' lock-mine' : ''}`}
        role="status"
        data-testid="lock-state"
        data-state={mine ? 'mine' : 'free'}
      >
        {mine ? t('identity.lockedByYou') : t('identity.lockOnEdit')}
        {takeable && checkout && (
          <button
            type="button"
            className="lock-take"
            data-testid="checkout-take-story"
            title={t('checkout.takeTitle', { key: CHECKOUT_SHORTCUT })}
            aria-keyshortcuts="Control+Shift+E Meta+Shift+E"
            onClick={() => checkout.askTake([storyId])}
          >
            {t('checkout.take')}
          </button>
        )}
      </div>
    </>
  );
}
