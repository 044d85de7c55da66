/**
 * An editor takes over a checked-out story (checkout.takeOver): a reason is required and
 * recorded; the confirm says that the writer's later check-in will not overwrite the editor's work.
 */
import { useId, useState } from 'react';

import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';
import { useCheckout, type TakeOverTarget } from './CheckoutContext';
import { formatSince } from './checkout-view';

type Props = { target: TakeOverTarget; onTaken: (storyId: string) => void };

export function TakeOverDialog({ target, onTaken }: Props) {
  const { t, locale } = useI18n();
  const { showError, toast } = useFeedback();
  const checkout = useCheckout();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState(false);
  const [working, setWorking] = useState(false);
  const fieldId = useId();
  const since = formatSince(target.since, locale);

  const confirm = async () => {
    if (!reason.trim()) {
      setProblem(true);
      return;
    }
    setWorking(true);
    try {
      await desk['checkout.takeOver']({ id: target.storyId, reason: reason.trim() });
      checkout.closeTakeOver();
      await checkout.refresh();
      onTaken(target.storyId);
      toast(t('checkout.takeOver.done'));
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    } finally {
      setWorking(false);
    }
  };

  return (
    <Dialog
      title={t('checkout.takeOver.title')}
      onClose={checkout.closeTakeOver}
      testId="takeover-dialog"
      footer={
        <>
          <button type="button" data-testid="takeover-cancel" onClick={checkout.closeTakeOver}>
            {t('checkout.dialog.cancel')}
          </button>
          <button
            type="button"
            className="danger solid"
            data-testid="takeover-confirm"
            disabled={working}
            onClick={() => void confirm()}
          >
            {t('checkout.takeOver.confirm')}
          </button>
        </>
      }
    >
      <p data-testid="takeover-body">
        {t('checkout.takeOver.body', {
          headline: target.headline || t('list.untitled'),
          name: target.name,
          desk: target.desk,
          since,
        })}
      </p>
      <label htmlFor={fieldId} className="checkout-label">
        {t('checkout.takeOver.reason')}
      </label>
      <textarea
        id={fieldId}
        className="checkout-field"
        data-testid="takeover-reason"
        data-autofocus
        rows={3}
        maxLength={500}
        required
        aria-required="true"
        aria-invalid={problem}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setProblem(false);
        }}
      />
      {problem && (
        <p role="alert" className="checkout-problem" data-testid="takeover-problem">
          {t('checkout.takeOver.noReason', { name: target.name })}
        </p>
      )}
    </Dialog>
  );
}
