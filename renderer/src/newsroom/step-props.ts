/** What each step of the 连接编辑部 dialog gets from the dialog: one way to call the desk. */
import type { NewsroomStatus } from '../../../shared/api';
import type { MessageKey } from '../app/i18n/i18n';

export type NewsroomCall = {
  /** The busy label while the call runs. */
  busy: MessageKey;
  /** What was kept safe if the call fails (a message key). */
  safe: MessageKey;
  /** The call may change the store behind the desk: the open story is saved first. */
  switches: boolean;
  call: () => Promise<NewsroomStatus>;
  /** After the status was applied. */
  done?: (next: NewsroomStatus) => void;
};

export type StepProps = {
  status: NewsroomStatus;
  /** The busy label while a call runs, else null: every field and button is disabled meanwhile. */
  busy: MessageKey | null;
  run: (call: NewsroomCall) => Promise<void>;
};
