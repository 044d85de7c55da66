/** 带走编辑: says what taking stories away means, names this computer, and takes them (checkout.take). */
import { useId, useState } from 'react';

import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { useCheckout } from './CheckoutContext';

type Props = { ids: string[]; headlineOf: (id: string) => string; onTaken: () => void };

export function TakeDialog({ ids, headlineOf, onTaken }: Props) {
  const { t } = useI18n();
  const { showError, toast } = useFeedback();
  const checkout = useCheckout();
  const [name, setName] = useState(checkout.deskName);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const fieldId = useId();
  const hintId = useId();

  const confirm = async () => {
    const deskName = name.trim();
    if (!deskName) {
      setProblem(t('checkout.dialog.noDesk'));
      return;
    }
    setWorking(true);
    try {
      const count = await checkout.take(ids, deskName);
      checkout.closeTake();
      onTaken();
      toast(t('checkout.taken', { count }));
    } catch (err) {
      showError(err, 'checkout.takeSafe');
    } finally {
      setWorking(false);
    }
  };

  return (
    <Dialog
      title={t('checkout.dialog.title')}
      onClose={checkout.closeTake}
      testId="checkout-dialog"
      footer={
        <>
          <button type="button" data-testid="checkout-cancel" onClick={checkout.closeTake}>
            {t('checkout.dialog.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="checkout-confirm"
            disabled={working}
            onClick={() => void confirm()}
          >
            {working ? t('checkout.dialog.working') : t('checkout.dialog.confirm', { count: ids.length })}
          </button>
        </>
      }
    >
      <p>{t('checkout.dialog.body', { count: ids.length })}</p>
      <ul className="checkout-stories" data-testid="checkout-stories">
        {ids.map((id) => (
          <li key={id}>{headlineOf(id) || t('list.untitled')}</li>
        ))}
      </ul>
      <label htmlFor={fieldId} className="checkout-label">
        {t('checkout.dialog.desk')}
      </label>
      <input
        id={fieldId}
        type="text"
        className="checkout-field"
        data-testid="checkout-desk"
        data-autofocus
        maxLength={100}
        value={name}
        aria-describedby={hintId}
        aria-invalid={problem !== null}
        onChange={(e) => {
          setName(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) void confirm();
        }}
      />
      <p id={hintId} className="muted">
        {t('checkout.dialog.deskHint')}
      </p>
      {problem && (
        <p role="alert" className="checkout-problem" data-testid="checkout-problem">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
