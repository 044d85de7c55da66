/**
 * A story in conflict (issue 18, ADR 013): the current version and the one brought back side by
 * side with the character diff (the history view's DiffView), and the pick: 用当前版本,
 * 用带回的版本, or 合并 (start from one and edit its texts) → checkout.resolve, which makes the
 * choice a new revision and an audit entry.
 */
import { useEffect, useId, useState } from 'react';

import type { ConflictView } from '../../../shared/api/checkout-contract';
import type { Story } from '../../../shared/model';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';
import { DiffView } from '../review/DiffView';
import { useOptionalCheckout } from './CheckoutContext';
import { COMBINED_FIELDS, combineContent, formatSince, textsOf, type CombinedTexts } from './checkout-view';

type Props = { storyId: string; readOnly?: boolean; onResolved: (story: Story) => void };

export function ConflictPanel({ storyId, readOnly = false, onResolved }: Props) {
  const { t, locale } = useI18n();
  const { showError, toast } = useFeedback();
  const checkout = useOptionalCheckout();
  const [view, setView] = useState<ConflictView | null>(null);
  const [combining, setCombining] = useState<'current' | 'parallel' | null>(null);
  const [texts, setTexts] = useState<CombinedTexts | null>(null);
  const [working, setWorking] = useState(false);
  const idBase = useId();

  useEffect(() => {
    let live = true;
    desk['checkout.conflict']({ id: storyId }).then(
      (v) => live && setView(v),
      (err: unknown) => showError(err, 'checkout.conflict.safe'),
    );
    return () => {
      live = false;
    };
  }, [storyId, showError]);

  if (!view) {
    return (
      <p className="muted" data-testid="conflict-loading">
        {t('checkout.conflict.loading')}
      </p>
    );
  }

  const startCombine = (from: 'current' | 'parallel') => {
    setCombining(from);
    setTexts(textsOf(from === 'current' ? view.current.content : view.parallel.content));
  };

  const resolve = async (choose: 'current' | 'parallel' | 'combined') => {
    setWorking(true);
    try {
      const base = combining === 'current' ? view.current.content : view.parallel.content;
      const story = await desk['checkout.resolve']({
        id: storyId,
        conflictId: view.conflictId,
        baseRev: view.current.rev,
        choose:
          choose === 'combined' && texts
            ? { content: combineContent(base, texts) }
            : choose === 'combined'
              ? 'parallel'
              : choose,
      });
      toast(t('checkout.conflict.resolved'));
      await checkout?.refresh();
      onResolved(story);
    } catch (err) {
      showError(err, 'checkout.conflict.safe');
    } finally {
      setWorking(false);
    }
  };

  return (
    <section className="conflict" data-testid="conflict-panel" aria-labelledby={`${idBase}-title`}>
      <h3 id={`${idBase}-title`}>{t('checkout.conflict.title')}</h3>
      <p className="muted">{t(`checkout.conflict.reason.${view.reason}`)}</p>
      <div className="conflict-sides">
        <div data-testid="conflict-current">
          {t('checkout.conflict.current', {
            rev: view.current.rev,
            name: view.current.savedBy,
            at: formatSince(view.current.savedAt, locale),
          })}
        </div>
        <div data-testid="conflict-parallel">
          {t('checkout.conflict.parallel', {
            name: view.writtenBy.name,
            desk: view.desk,
            at: formatSince(view.parallel.writtenAt, locale),
          })}
        </div>
      </div>
      <DiffView fields={view.diff} />
      {combining && texts ? (
        <div className="conflict-combine" data-testid="conflict-combine">
          <p className="muted">{t('checkout.conflict.combineHint')}</p>
          {COMBINED_FIELDS.map((field) => (
            <label key={field} className="conflict-field">
              <span>{t(`checkout.conflict.field.${field}`)}</span>
              <textarea
                data-testid={`combine-${field}`}
                rows={field === 'body' ? 8 : 1}
                value={texts[field]}
                onChange={(e) => setTexts({ ...texts, [field]: e.target.value })}
              />
            </label>
          ))}
          <div className="conflict-actions">
            <button type="button" onClick={() => setCombining(null)}>
              {t('checkout.dialog.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="combine-save"
              disabled={working || readOnly}
              onClick={() => void resolve('combined')}
            >
              {t('checkout.conflict.combineSave')}
            </button>
          </div>
        </div>
      ) : (
        <div className="conflict-actions" role="group" aria-label={t('checkout.conflict.title')}>
          <button
            type="button"
            data-testid="conflict-use-current"
            disabled={working || readOnly}
            onClick={() => void resolve('current')}
          >
            {t('checkout.conflict.useCurrent')}
          </button>
          <button
            type="button"
            data-testid="conflict-use-parallel"
            disabled={working || readOnly}
            onClick={() => void resolve('parallel')}
          >
            {t('checkout.conflict.useParallel')}
          </button>
          <span className="conflict-combine-pick" role="group" aria-label={t('checkout.conflict.combine')}>
            <button
              type="button"
              data-testid="conflict-combine-current"
              disabled={working || readOnly}
              onClick={() => startCombine('current')}
            >
              {t('checkout.conflict.fromCurrent')}
            </button>
            <button
              type="button"
              data-testid="conflict-combine-parallel"
              disabled={working || readOnly}
              onClick={() => startCombine('parallel')}
            >
              {t('checkout.conflict.fromParallel')}
            </button>
          </span>
        </div>
      )}
    </section>
  );
}
