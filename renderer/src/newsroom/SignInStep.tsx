/** Step 2 of 连接编辑部: sign in to the newsroom that answered (login name prefilled from the last one used here). */
import { useState, type FormEvent } from 'react';

import { useI18n, type MessageKey } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';
import { NewsroomField } from './NewsroomField';
import type { StepProps } from './step-props';

type Props = StepProps & {
  /** The password just used, for the set-your-password step that follows a one-time password. */
  onPassword: (password: string) => void;
  onSignedIn: (name: string) => void;
};

export function SignInStep({ status, busy, run, onPassword, onSignedIn }: Props) {
  const { t } = useI18n();
  const [login, setLogin] = useState(status.lastLogin ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<{ field: 'login' | 'password'; key: MessageKey } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const name = login.trim();
    if (!name) return setProblem({ field: 'login', key: 'newsroom.signIn.noLogin' });
    if (!password) return setProblem({ field: 'password', key: 'newsroom.signIn.noPassword' });
    setProblem(null);
    void run({
      busy: 'newsroom.signIn.busy',
      safe: 'newsroom.signIn.safe',
      switches: true,
      call: () => desk['newsroom.signIn']({ login: name, password }),
      done: (next) => {
        if (next.state === 'passwordChange') onPassword(password);
        else if (next.person) onSignedIn(next.person.name);
        setPassword('');
      },
    });
  };

  return (
    <form className="newsroom-form" noValidate aria-busy={busy !== null} onSubmit={submit}>
      <p className="newsroom-intro" data-testid="newsroom-signin-server">
        {t('newsroom.signIn.server', { server: status.server ?? '' })}
      </p>
      <NewsroomField
        label={t('newsroom.signIn.login')}
        value={login}
        onValue={(v) => {
          setLogin(v);
          setProblem(null);
        }}
        testId="newsroom-login"
        problem={problem?.field === 'login' ? t(problem.key) : null}
        autoComplete="username"
        spellCheck={false}
        maxLength={64}
        disabled={busy !== null}
        autoFocus={!status.lastLogin}
      />
      <NewsroomField
        label={t('newsroom.signIn.password')}
        hint={t('newsroom.signIn.hint')}
        value={password}
        onValue={(v) => {
          setPassword(v);
          setProblem(null);
        }}
        testId="newsroom-password"
        problem={problem?.field === 'password' ? t(problem.key) : null}
        type="password"
        autoComplete="current-password"
        maxLength={200}
        disabled={busy !== null}
        autoFocus={Boolean(status.lastLogin)}
      />
      <div className="newsroom-actions">
        <button type="submit" className="primary" data-testid="newsroom-signin" disabled={busy !== null}>
          {busy ? t(busy) : t('newsroom.signIn.submit')}
        </button>
      </div>
    </form>
  );
}
