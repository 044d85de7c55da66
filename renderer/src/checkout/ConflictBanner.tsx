/** The banner above a story in conflict (issue 18): whose version came back, and the way to the two versions. */
import { useState } from 'react';

import type { Story } from '../../../shared/model';
import { Dialog } from '../app/Dialog';
import { useI18n } from '../app/i18n/i18n';
import { useOptionalCheckout } from './CheckoutContext';
import { ConflictPanel } from './ConflictPanel';

type Props = { storyId: string; onResolved: (story: Story) => void };

export function ConflictBanner({ storyId, onResolved }: Props) {
  const { t } = useI18n();
  const checkout = useOptionalCheckout();
  const [open, setOpen] = useState(false);
  const conflict = checkout?.conflictOf(storyId);
  if (!conflict) return null;
  return (
    <div className="review-lock conflict-banner" role="status" data-testid="conflict-banner">
      <strong>{t('checkout.conflict.banner', { name: conflict.writtenBy.name, desk: conflict.desk })}</strong>
      <span>{t(`checkout.conflict.reason.${conflict.reason}`)}</span>
      <button
        type="button"
        data-testid="conflict-open"
        disabled={!checkout?.online}
        title={checkout?.online ? undefined : t('checkout.offline.needsServer')}
        onClick={() => setOpen(true)}
      >
        {t('checkout.conflict.open')}
      </button>
      {open && (
        <Dialog title={t('checkout.conflict.title')} onClose={() => setOpen(false)} testId="conflict-dialog">
          <ConflictPanel
            storyId={storyId}
            onResolved={(story) => {
              setOpen(false);
              onResolved(story);
            }}
          />
        </Dialog>
      )}
    </div>
  );
}
