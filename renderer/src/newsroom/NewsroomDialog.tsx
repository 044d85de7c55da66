/**
 * 设置 → 连接编辑部 (issue 17): one dialog whose step follows the desk's state —
 * the server's address (local), sign-in (signedOut), the forced new password
 * (passwordChange), and who is signed in (connected, unreachable) with 退出登录 and
 * 断开编辑部 (confirmed first). Enter submits the step's form, Esc closes (Dialog).
 *
 * Before a call that may change the store behind the desk (sign in, new password,
 * sign out, disconnect) the open story is saved; if it cannot be, nothing is asked
 * and the text stays in the editor. A refusal is shown in the dialog with what was
 * kept safe; the dialog stays open and nothing typed in it is cleared but the password.
 */
import { useCallback, useState } from 'react';

import { DeskError } from '../../../shared/api';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n, type MessageKey } from '../app/i18n/i18n';
import { CheckInPanel } from '../checkout/CheckInPanel';
import { desk } from '../platform/desk-client';
import { AddressStep } from './AddressStep';
import { DisconnectConfirm } from './DisconnectConfirm';
import { useNewsroom } from './NewsroomContext';
import { NewsroomProblem, type Failure } from './NewsroomProblem';
import { LOCAL_VIEW } from './newsroom-state';
import { PasswordStep } from './PasswordStep';
import { SessionView } from './SessionView';
import { SignInStep } from './SignInStep';
import type { NewsroomCall } from './step-props';

type Props = {
  /** Saves the open story; false when it could not be saved (its text stays in the editor). */
  beforeChange: () => Promise<boolean>;
};

export function NewsroomDialog({ beforeChange }: Props) {
  const { t } = useI18n();
  const { toast } = useFeedback();
  const { status: known, apply, closeDialog } = useNewsroom();
  const status = known ?? LOCAL_VIEW;
  const [busy, setBusy] = useState<MessageKey | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [oneTime, setOneTime] = useState('');

  const run = useCallback(
    async (c: NewsroomCall) => {
      setFailure(null);
      setBusy(c.busy);
      try {
        if (c.switches && !(await beforeChange())) {
          throw new DeskError(
            'conflict',
            'newsroom.unsaved',
            {},
            'The open story could not be saved, so the newsroom connection was not changed.',
          );
        }
        const next = await c.call();
        apply(next);
        c.done?.(next);
      } catch (err) {
        setFailure({ err, safe: c.safe });
      } finally {
        setBusy(null);
      }
    },
    [apply, beforeChange],
  );

  const signOut = () =>
    void run({
      busy: 'newsroom.signOut.busy',
      safe: 'newsroom.signOut.safe',
      switches: true,
      call: () => desk['newsroom.signOut']({}),
      done: (next) => {
        const kept = next.pending.length || status.pending.length;
        setOneTime('');
        toast(kept > 0 ? t('newsroom.signOut.donePending', { count: kept }) : t('newsroom.signOut.done'));
        closeDialog();
      },
    });

  const disconnect = () =>
    void run({
      busy: 'newsroom.disconnect.busy',
      safe: 'newsroom.disconnect.safe',
      switches: true,
      call: () => desk['newsroom.disconnect']({}),
      done: () => {
        setConfirming(false);
        toast(t('newsroom.disconnect.done'));
        closeDialog();
      },
    });

  const signedIn = status.state === 'connected' || status.state === 'unreachable';
  const step = { status, busy, run };
  const body = confirming ? (
    <DisconnectConfirm
      status={status}
      busy={busy}
      onConfirm={disconnect}
      onCancel={() => {
        setConfirming(false);
        setFailure(null);
      }}
    />
  ) : status.state === 'local' ? (
    <AddressStep {...step} />
  ) : status.state === 'signedOut' ? (
    <SignInStep
      {...step}
      onPassword={setOneTime}
      onSignedIn={(name) => toast(t('newsroom.signedIn', { name }))}
    />
  ) : status.state === 'passwordChange' ? (
    <PasswordStep
      {...step}
      oneTime={oneTime}
      onChanged={(name) => {
        setOneTime('');
        toast(t('newsroom.changed', { name }));
      }}
    />
  ) : (
    <>
      <SessionView status={status} />
      <CheckInPanel />
    </>
  );

  return (
    <Dialog
      title={t('newsroom.title')}
      onClose={closeDialog}
      testId="newsroom-dialog"
      footer={
        <>
          {!confirming && (signedIn || status.state === 'passwordChange') && (
            <button type="button" data-testid="newsroom-signout" disabled={busy !== null} onClick={signOut}>
              {busy === 'newsroom.signOut.busy' ? t(busy) : t('newsroom.signOut')}
            </button>
          )}
          {!confirming && status.state !== 'local' && status.state !== 'passwordChange' && (
            <button
              type="button"
              className="danger"
              data-testid="newsroom-disconnect"
              disabled={busy !== null}
              onClick={() => {
                setFailure(null);
                setConfirming(true);
              }}
            >
              {t('newsroom.disconnect')}
            </button>
          )}
          <button type="button" data-testid="newsroom-close" data-autofocus onClick={closeDialog}>
            {t('newsroom.close')}
          </button>
        </>
      }
    >
      <div data-testid="newsroom-step" data-state={confirming ? 'confirm' : status.state}>
        {body}
      </div>
      {failure && <NewsroomProblem failure={failure} />}
    </Dialog>
  );
}
