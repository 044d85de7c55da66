/**
 * A labelled field of the 连接编辑部 dialog with its own problem line (aria-invalid,
 * aria-describedby). `autoFocus` also marks it for Dialog's focus on opening.
 */
import { useId, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: string;
  value: string;
  onValue: (value: string) => void;
  testId: string;
  problem?: string | null;
  hint?: string;
};

export function NewsroomField({ label, value, onValue, testId, problem, hint, autoFocus, ...input }: Props) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div className="newsroom-field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        value={value}
        autoFocus={autoFocus}
        data-autofocus={autoFocus || undefined}
        data-testid={testId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onValue(e.target.value)}
      />
      {hint && (
        <p id={`${id}-hint`} className="newsroom-hint">
          {hint}
        </p>
      )}
      {problem && (
        <p
          id={`${id}-problem`}
          className="newsroom-field-problem"
          role="alert"
          data-testid={`${testId}-problem`}
        >
          {problem}
        </p>
      )}
    </div>
  );
}
