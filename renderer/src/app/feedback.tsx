/**
 * What the user is told after an action: an error banner for failed calls (what
 * happened and what was kept safe) and short toasts, optionally with an action
 * such as Undo. Both are live regions, so screen readers announce them.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

import { describeError } from './describe-error';
import { useI18n, type MessageKey } from './i18n/i18n';

type ShownError = { id: number; message: string; safe: string; detail: string; retry?: () => void };
type Toast = { id: number; message: string; action?: { label: string; run: () => void } };

export type Feedback = {
  /** Shows a failed call; `safe` names what was kept safe (a 'safe.*' message key). Returns its id. */
  showError: (err: unknown, safe: MessageKey, retry?: () => void) => number;
  /** Clears the error shown; with an id, only if that error is still the one shown. */
  clearError: (id?: number) => void;
  toast: (message: string, action?: Toast['action']) => void;
};

const FeedbackContext = createContext<Feedback | null>(null);

export function useFeedback(): Feedback {
  const value = useContext(FeedbackContext);
  if (!value) throw new Error('useFeedback must be used inside <FeedbackProvider>');
  return value;
}

const TOAST_MS = 8000;

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [error, setError] = useState<ShownError | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dropToast = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);

  const feedback = useMemo<Feedback>(
    () => ({
      showError: (err, safe, retry) => {
        const text = describeError(err, i18n);
        console.warn('[desk]', text.detail);
        const id = nextId.current++;
        setError({ id, message: text.message, safe: i18n.t(safe), detail: text.detail, retry });
        return id;
      },
      clearError: (id) => setError((shown) => (id === undefined || shown?.id === id ? null : shown)),
      toast: (message, action) => {
        const id = nextId.current++;
        setToasts((list) => [...list.slice(-2), { id, message, action }]);
        window.setTimeout(() => dropToast(id), TOAST_MS);
      },
    }),
    [i18n, dropToast],
  );

  return (
    <FeedbackContext.Provider value={feedback}>
      {children}
      <div className="feedback-region">
        {error && (
          <div className="error-banner" role="alert" data-testid="error-banner">
            <div className="error-banner-text">
              <strong>{t('error.title')}：</strong>
              <span data-testid="error-message">{error.message}</span>
              <div className="error-banner-safe" data-testid="error-safe">
                {error.safe}
              </div>
              <div className="error-banner-detail">{t('error.detail', { detail: error.detail })}</div>
            </div>
            <div className="error-banner-actions">
              {error.retry && (
                <button
                  type="button"
                  onClick={() => {
                    setError(null);
                    error.retry?.();
                  }}
                >
                  {t('error.retry')}
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={t('error.close')}
                data-testid="error-close"
                onClick={() => setError(null)}
              >
                ×
              </button>
            </div>
          </div>
        )}
        <div className="toasts" role="status" aria-live="polite">
          {toasts.map((toast) => (
            <div key={toast.id} className="toast" data-testid="toast">
              <span>{toast.message}</span>
              {toast.action && (
                <button
                  type="button"
                  className="toast-action"
                  data-testid="toast-undo"
                  onClick={() => {
                    dropToast(toast.id);
                    toast.action?.run();
                  }}
                >
                  {toast.action.label}
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={t('toast.close')}
                onClick={() => dropToast(toast.id)}
              >
                ×
              </button>
            </div>
          ))}
        </div>
      </div>
    </FeedbackContext.Provider>
  );
}
