/**
 * 带走编辑: says what taking stories away means and takes them (checkout.take). The desk names
 * itself on the newsroom (status.desk): its name is shown, nothing to type; only a desk that gives
 * no name asks for one.
 */
import { useState } from 'react';

import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { CheckoutDialog, type CheckoutField } from './CheckoutDialog';
import { useCheckout } from './CheckoutContext';

type Props = { ids: string[]; headlineOf: (id: string) => string; onTaken: () => void };

export function TakeDialog({ ids, headlineOf, onTaken }: Props) {
  const { t } = useI18n();
  const { toast } = useFeedback();
  const checkout = useCheckout();
  const [name, setName] = useState(checkout.deskName);
  const field: CheckoutField = checkout.deskNamed
    ? {
        kind: 'shown',
        label: t('checkout.dialog.deskNamed'),
        value: checkout.deskName,
        hint: t('checkout.dialog.deskNamedHint'),
      }
    : {
        kind: 'typed',
        label: t('checkout.dialog.desk'),
        value: name,
        onChange: setName,
        maxLength: 100,
        required: true,
        hint: t('checkout.dialog.deskHint'),
      };
  const deskName = checkout.deskNamed ? checkout.deskName : name.trim();

  return (
    <CheckoutDialog
      title={t('checkout.dialog.title')}
      prefix="checkout"
      intro={t('checkout.dialog.body', { count: ids.length })}
      field={field}
      fieldTestId="checkout-desk"
      confirmLabel={t('checkout.dialog.confirm', { count: ids.length })}
      workingLabel={t('checkout.dialog.working')}
      check={() => (deskName ? null : t('checkout.dialog.noDesk'))}
      act={async () => {
        const count = await checkout.take(ids, deskName);
        checkout.closeTake();
        onTaken();
        toast(t('checkout.taken', { count }));
      }}
      safe="checkout.takeSafe"
      onClose={checkout.closeTake}
    >
      <ul className="checkout-stories" data-testid="checkout-stories">
        {ids.map((id) => (
          <li key={id}>{headlineOf(id) || t('list.untitled')}</li>
        ))}
      </ul>
    </CheckoutDialog>
  );
}
