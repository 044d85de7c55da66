/**
 * The one dialog body of 带走编辑 and of an editor's 接管 (issue 18): what the step means, the
 * stories it is about, one field (the name typed for this computer, the reason of a take-over, or
 * the name the desk gives itself shown read only), what is missing, and 取消 / the confirm. The
 * confirm checks the field first (nothing is asked while it is wrong), then runs the step once;
 * a refusal is shown with what was kept safe and the dialog stays open with what was typed.
 * Enter confirms from a one-line field, Ctrl/⌘+Enter from any field, Esc closes (Dialog).
 */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n, type MessageKey } from '../app/i18n/i18n';

export type CheckoutField =
  /** Typed by the person: one line, or several (`rows`). */
  | {
      kind: 'typed';
      label: string;
      value: string;
      onChange: (value: string) => void;
      maxLength: number;
      rows?: number;
      required?: boolean;
      hint?: string;
    }
  /** Known already (the desk's own name): shown, nothing to type. */
  | { kind: 'shown'; label: string; value: string; hint?: string };

type Props = {
  title: string;
  /** The test ids: `<prefix>-dialog`, `-body`, `-cancel`, `-confirm`, `-problem`; the field's is `fieldTestId`. */
  prefix: 'checkout' | 'takeover';
  intro: ReactNode;
  /** Between the intro and the field (the stories taken away). */
  children?: ReactNode;
  field: CheckoutField;
  fieldTestId: string;
  confirmLabel: string;
  workingLabel?: string;
  danger?: boolean;
  /** What is wrong with the field (shown, nothing asked), or null to go on. */
  check: () => string | null;
  /** The step; a throw is shown with `safe` and the dialog stays open. */
  act: () => Promise<void>;
  safe: MessageKey;
  onClose: () => void;
};

export function CheckoutDialog(props: Props) {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const { prefix, field } = props;
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const fieldId = useId();
  const hintId = useId();
  const problemId = useId();

  const confirm = async () => {
    if (working) return;
    const wrong = props.check();
    setProblem(wrong);
    if (wrong) return;
    setWorking(true);
    try {
      await props.act();
    } catch (err) {
      showError(err, props.safe);
    } finally {
      setWorking(false);
    }
  };

  const describedBy = [field.hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ');
  const typed = field.kind === 'typed' ? field : null;
  const common = {
    id: fieldId,
    className: 'checkout-field',
    'data-testid': props.fieldTestId,
    'data-autofocus': true,
    maxLength: typed?.maxLength,
    value: typed?.value,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': problem !== null,
    'aria-required': typed?.required ? true : undefined,
  };
  const onChange = (value: string) => {
    typed?.onChange(value);
    setProblem(null);
  };
  const onKeyDown = (e: KeyboardEvent, oneLine: boolean) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    if (oneLine || e.ctrlKey || e.metaKey) {
      e.preventDefault();
      void confirm();
    }
  };

  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      testId={`${prefix}-dialog`}
      footer={
        <>
          <button type="button" data-testid={`${prefix}-cancel`} onClick={props.onClose}>
            {t('checkout.dialog.cancel')}
          </button>
          <button
            type="button"
            className={props.danger ? 'danger solid' : 'primary'}
            data-testid={`${prefix}-confirm`}
            data-autofocus={typed ? undefined : true}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            disabled={working}
            onClick={() => void confirm()}
          >
            {working && props.workingLabel ? props.workingLabel : props.confirmLabel}
          </button>
        </>
      }
    >
      <p data-testid={`${prefix}-body`}>{props.intro}</p>
      {props.children}
      {typed ? (
        <>
          <label htmlFor={fieldId} className="checkout-label">
            {typed.label}
          </label>
          {typed.rows ? (
            <textarea
              {...common}
              rows={typed.rows}
              onChange={(e) => onChange(e.target.value)}
              onKeyDown={(e) => onKeyDown(e, false)}
            />
          ) : (
            <input
              {...common}
              type="text"
              onChange={(e) => onChange(e.target.value)}
              onKeyDown={(e) => onKeyDown(e, true)}
            />
          )}
        </>
      ) : (
        <p className="checkout-shown">
          <span className="checkout-label">{field.label}</span>
          <strong className="checkout-shown-value" data-testid={props.fieldTestId}>
            {field.value}
          </strong>
        </p>
      )}
      {field.hint && (
        <p id={hintId} className="muted">
          {field.hint}
        </p>
      )}
      {problem && (
        <p id={problemId} role="alert" className="checkout-problem" data-testid={`${prefix}-problem`}>
          {problem}
        </p>
      )}
    </Dialog>
  );
}
