/**
 * A refused newsroom call inside the 连接编辑部 dialog: what happened (describeError, in the
 * person's language), what was kept safe, and the technical detail. Shown in the dialog
 * itself because the shell's error banner sits under a modal dialog's backdrop.
 */
import { describeError } from '../app/describe-error';
import { useI18n, type MessageKey } from '../app/i18n/i18n';

export type Failure = { err: unknown; safe: MessageKey };

export function NewsroomProblem({ failure }: { failure: Failure }) {
  const i18n = useI18n();
  const text = describeError(failure.err, i18n);
  return (
    <div className="newsroom-problem" role="alert" data-testid="newsroom-error" data-code={text.code}>
      <p data-testid="newsroom-error-message">{text.message}</p>
      <p className="newsroom-problem-safe" data-testid="newsroom-error-safe">
        {i18n.t(failure.safe)}
      </p>
      <p className="newsroom-problem-detail">{i18n.t('error.detail', { detail: text.detail })}</p>
    </div>
  );
}
