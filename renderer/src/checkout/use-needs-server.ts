/**
 * Why an action that needs the newsroom cannot run now (issue 18): signed in but the server does
 * not answer. Signing, submitting, the review queue and pages say so beside them instead of
 * pretending to work; null while the action may run (connected, or a desk on its own store).
 */
import { useI18n } from '../app/i18n/i18n';
import { useOptionalCheckout } from './CheckoutContext';

export function useNeedsServer(): string | null {
  const { t } = useI18n();
  return useOptionalCheckout()?.offline ? t('checkout.offline.needsServer') : null;
}
