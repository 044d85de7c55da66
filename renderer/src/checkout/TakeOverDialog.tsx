/**
 * An editor takes over a checked-out story (checkout.takeOver): a reason is required and
 * recorded; the confirm says that the writer's later check-in will not overwrite the editor's work.
 */
import { useState } from 'react';

import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';
import { CheckoutDialog } from './CheckoutDialog';
import { useCheckout, type TakeOverTarget } from './CheckoutContext';
import { formatSince } from './checkout-view';

type Props = { target: TakeOverTarget; onTaken: (storyId: string) => void };

export function TakeOverDialog({ target, onTaken }: Props) {
  const { t, locale } = useI18n();
  const { toast } = useFeedback();
  const checkout = useCheckout();
  const [reason, setReason] = useState('');

  return (
    <CheckoutDialog
      title={t('checkout.takeOver.title')}
      prefix="takeover"
      intro={t('checkout.takeOver.body', {
        headline: target.headline || t('list.untitled'),
        name: target.name,
        desk: target.desk,
        since: formatSince(target.since, locale),
      })}
      field={{
        kind: 'typed',
        label: t('checkout.takeOver.reason'),
        value: reason,
        onChange: setReason,
        maxLength: 500,
        rows: 3,
        required: true,
      }}
      fieldTestId="takeover-reason"
      confirmLabel={t('checkout.takeOver.confirm')}
      danger
      check={() => (reason.trim() ? null : t('checkout.takeOver.noReason', { name: target.name }))}
      act={async () => {
        await desk['checkout.takeOver']({ id: target.storyId, reason: reason.trim() });
        checkout.closeTakeOver();
        await checkout.refresh();
        onTaken(target.storyId);
        toast(t('checkout.takeOver.done'));
      }}
      safe="safe.nothingChanged"
      onClose={checkout.closeTakeOver}
    />
  );
}
