/** Step 1 of 连接编辑部: the server's address, checked here for form and by the desk for a newsroom that answers. */
import { useState, type FormEvent } from 'react';

import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';
import { NewsroomField } from './NewsroomField';
import { parseServerAddress } from './server-address';
import type { StepProps } from './step-props';

export function AddressStep({ status, busy, run }: StepProps) {
  const { t } = useI18n();
  const [value, setValue] = useState(status.server ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const typed = parseServerAddress(value);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = parseServerAddress(value);
    if (!parsed.ok) {
      setProblem(t(`newsroom.server.${parsed.problem}`, { value: value.trim() }));
      return;
    }
    setProblem(null);
    void run({
      busy: 'newsroom.server.connecting',
      safe: 'newsroom.server.safe',
      switches: false,
      call: () => desk['newsroom.connect']({ server: parsed.server }),
    });
  };

  return (
    <form className="newsroom-form" noValidate aria-busy={busy !== null} onSubmit={submit}>
      <p className="newsroom-intro">{t('newsroom.server.intro')}</p>
      <NewsroomField
        label={t('newsroom.server.label')}
        hint={t('newsroom.server.hint')}
        value={value}
        onValue={(v) => {
          setValue(v);
          setProblem(null);
        }}
        testId="newsroom-server"
        problem={problem}
        type="url"
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        maxLength={300}
        placeholder="https://bianjibu.example.cn:8443"
        disabled={busy !== null}
        autoFocus
      />
      {typed.ok && typed.plainHttp && (
        <p className="newsroom-warn" data-testid="newsroom-plain-http">
          {t('newsroom.server.plainHttp')}
        </p>
      )}
      <div className="newsroom-actions">
        <button type="submit" className="primary" data-testid="newsroom-connect" disabled={busy !== null}>
          {busy ? t(busy) : t('newsroom.server.connect')}
        </button>
      </div>
    </form>
  );
}
