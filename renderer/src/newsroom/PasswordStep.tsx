/**
 * Signed in with a one-time password (state passwordChange): the person sets their own
 * password, typed twice, before anything else; the one-time password just used is
 * remembered for this step only, and asked for when the dialog was opened afresh.
 */
import { useState, type FormEvent } from 'react';

import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';
import { NewsroomField } from './NewsroomField';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem, type PasswordProblem } from './newsroom-state';
import type { StepProps } from './step-props';

type Props = StepProps & { oneTime: string; onChanged: (name: string) => void };

/** Which field a problem belongs to. */
const FIELD: Record<PasswordProblem['key'], 'current' | 'next' | 'again'> = {
  'newsroom.change.noCurrent': 'current',
  'newsroom.change.noNext': 'next',
  'newsroom.change.tooShort': 'next',
  'newsroom.change.tooLong': 'next',
  'newsroom.change.same': 'next',
  'newsroom.change.mismatch': 'again',
};

export function PasswordStep({ busy, run, oneTime, onChanged }: Props) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  const old = oneTime || current;

  const say = (field: 'current' | 'next' | 'again') =>
    problem && FIELD[problem.key] === field
      ? t(problem.key, 'params' in problem ? problem.params : {})
      : null;
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setProblem(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = passwordProblem(old, next, again);
    setProblem(found);
    if (found) return;
    void run({
      busy: 'newsroom.change.busy',
      safe: 'newsroom.change.safe',
      switches: true,
      call: () => desk['newsroom.changePassword']({ current: old, next }),
      done: (status) => {
        setNext('');
        setAgain('');
        if (status.person) onChanged(status.person.name);
      },
    });
  };

  return (
    <form className="newsroom-form" noValidate aria-busy={busy !== null} onSubmit={submit}>
      <p className="newsroom-intro" data-testid="newsroom-change-intro">
        {t('newsroom.change.intro', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
      </p>
      {!oneTime && (
        <NewsroomField
          label={t('newsroom.change.current')}
          value={current}
          onValue={edit(setCurrent)}
          testId="newsroom-current-password"
          problem={say('current')}
          type="password"
          autoComplete="current-password"
          maxLength={PASSWORD_MAX}
          disabled={busy !== null}
          autoFocus
        />
      )}
      <NewsroomField
        label={t('newsroom.change.next')}
        value={next}
        onValue={edit(setNext)}
        testId="newsroom-new-password"
        problem={say('next')}
        type="password"
        autoComplete="new-password"
        maxLength={PASSWORD_MAX + 1}
        disabled={busy !== null}
        autoFocus={Boolean(oneTime)}
      />
      <NewsroomField
        label={t('newsroom.change.again')}
        value={again}
        onValue={edit(setAgain)}
        testId="newsroom-new-password2"
        problem={say('again')}
        type="password"
        autoComplete="new-password"
        maxLength={PASSWORD_MAX + 1}
        disabled={busy !== null}
      />
      <div className="newsroom-actions">
        <button type="submit" className="primary" data-testid="newsroom-change" disabled={busy !== null}>
          {busy === 'newsroom.change.busy' ? t(busy) : t('newsroom.change.submit')}
        </button>
      </div>
    </form>
  );
}
