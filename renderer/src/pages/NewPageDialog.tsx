/** "New page": name (B6), date and edition; starts with the usual slots and their default budgets. */
import { useState, type FormEvent } from 'react';

import { DEFAULT_EDITION, PAGE_NAME, startingSlots, type PagePlan } from '../../../shared/model';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

type Props = {
  onCreated: (plan: PagePlan) => void;
  onClose: () => void;
  /** Whether a plan for this page and date is already there (it opens instead). */
  exists: (name: string, date: string) => boolean;
  onOpenExisting: (name: string, date: string) => void;
};

export function NewPageDialog({ onCreated, onClose, exists, onOpenExisting }: Props) {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const [name, setName] = useState('');
  const [date, setDate] = useState(today);
  const [edition, setEdition] = useState(DEFAULT_EDITION);
  const [busy, setBusy] = useState(false);
  const valid = PAGE_NAME.test(name) && /^\d{4}-\d{2}-\d{2}$/.test(date);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || busy) return;
    if (exists(name, date)) {
      onOpenExisting(name, date);
      return;
    }
    setBusy(true);
    try {
      const plan = await desk['pages.save']({
        baseRev: null,
        content: {
          name,
          date,
          edition: edition.trim(),
          slots: startingSlots(),
          jumps: [],
        },
      });
      onCreated(plan);
    } catch (err) {
      showError(err, 'safe.pageNothingSaved');
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('pages.new.title')} onClose={onClose} testId="page-new-dialog">
      <form className="page-form" onSubmit={(e) => void submit(e)}>
        <label>
          <span>{t('pages.new.name')}</span>
          <input
            autoFocus
            value={name}
            maxLength={3}
            placeholder={t('pages.new.nameHint')}
            data-testid="page-new-name"
            aria-invalid={name !== '' && !PAGE_NAME.test(name)}
            onChange={(e) => setName(e.target.value.toUpperCase().trim())}
          />
        </label>
        {name !== '' && !PAGE_NAME.test(name) && (
          <p className="page-form-error" role="alert">
            {t('pages.new.nameInvalid')}
          </p>
        )}
        <label>
          <span>{t('pages.new.date')}</span>
          <input
            type="date"
            value={date}
            required
            data-testid="page-new-date"
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        {valid && exists(name, date) && (
          <p className="page-form-error" role="status" data-testid="page-new-exists">
            {t('pages.new.exists', { name, date })}
          </p>
        )}
        <label>
          <span>{t('pages.new.edition')}</span>
          <input
            value={edition}
            maxLength={60}
            placeholder={t('pages.new.editionHint')}
            data-testid="page-new-edition"
            onChange={(e) => setEdition(e.target.value)}
          />
        </label>
        <p className="muted">{t('pages.new.slots')}</p>
        <div className="dialog-footer page-form-footer">
          <button type="button" onClick={onClose}>
            {t('pages.new.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!valid || busy} data-testid="page-new-create">
            {t('pages.new.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
