/**
 * The person picker: a select in the header, and a banner at start until someone
 * is chosen (a banner, not a modal, so the desk stays usable for reading). Only on a
 * desk nobody is signed in to (local, signedOut): signed in to the newsroom, the person
 * is the account, and the header names them instead (issue 17).
 */
import { useState } from 'react';

import { hasRole, type UserProfile } from '../../../shared/review/roles';
import { useI18n } from '../app/i18n/i18n';
import { useFeedback } from '../app/feedback';
import { useNewsroom } from '../newsroom/NewsroomContext';
import { pickerAllowed } from '../newsroom/newsroom-state';
import { rolesText } from '../newsroom/SessionView';
import { PeopleDialog } from './PeopleDialog';
import { useReviewUsers } from './ReviewContext';

function label(user: UserProfile, t: ReturnType<typeof useI18n>['t']): string {
  return `${user.name}（${user.roles.map((r) => t(`role.${r}`)).join('、')}）`;
}

/** One option per active person, named with their roles: the header's select and the banner's. */
function activeUserOptions(users: readonly UserProfile[], t: ReturnType<typeof useI18n>['t']) {
  return users
    .filter((u) => !u.disabled)
    .map((u) => (
      <option key={u.id} value={u.id}>
        {label(u, t)}
      </option>
    ));
}

/** The header's identity select, for the story's "choose who you are" button to focus. */
export const USER_SWITCH_ID = 'desk-user-switch';

export function UserSwitch() {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const { users, current, choose } = useReviewUsers();
  const { status } = useNewsroom();
  const [people, setPeople] = useState(false);
  const isAdmin = hasRole(current, 'admin');
  const account = pickerAllowed(status?.state ?? null) ? null : (status?.person ?? null);
  return (
    <>
      {account ? (
        <span
          className="user-account"
          data-testid="user-account"
          title={t('user.accountTitle', { name: account.name })}
        >
          {t('user.account', { name: account.name, roles: rolesText(account.roles, t) || '—' })}
        </span>
      ) : (
        <label className="user-switch">
          <span className="visually-hidden">{t('user.label')}</span>
          <select
            id={USER_SWITCH_ID}
            data-testid="user-switch"
            aria-label={t('user.label')}
            value={current?.id ?? ''}
            onChange={(e) =>
              void choose(e.target.value).catch((err: unknown) => showError(err, 'safe.nothingChanged'))
            }
          >
            {!current && <option value="">{t('user.none')}</option>}
            {activeUserOptions(users, t)}
          </select>
        </label>
      )}
      <button
        type="button"
        className="header-button"
        data-testid="people-open"
        title={
          isAdmin
            ? t('people.title')
            : current
              ? t('people.notAdmin', {
                  name: current.name,
                  roles: current.roles.map((r) => t(`role.${r}`)).join('、') || '—',
                  admins: users
                    .filter((u) => !u.disabled && hasRole(u, 'admin'))
                    .map((u) => u.name)
                    .join('、'),
                })
              : t('people.notAdminNobody')
        }
        onClick={() => setPeople(true)}
      >
        {t('people.open')}
      </button>
      {people && <PeopleDialog onClose={() => setPeople(false)} />}
    </>
  );
}

export function UserPickerBanner() {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const { users, current, choose } = useReviewUsers();
  const { status } = useNewsroom();
  const [picked, setPicked] = useState('');
  if (current || users.length === 0 || !pickerAllowed(status?.state ?? null)) return null;
  return (
    <div className="user-picker" data-testid="user-picker" role="region" aria-label={t('user.pickTitle')}>
      <strong>{t('user.pickTitle')}</strong>
      <span className="user-picker-hint">{t('user.pickHint')}</span>
      <select data-testid="user-picker-select" value={picked} onChange={(e) => setPicked(e.target.value)}>
        <option value="" disabled>
          {t('user.none')}
        </option>
        {activeUserOptions(users, t)}
      </select>
      <button
        type="button"
        className="primary"
        data-testid="user-picker-ok"
        disabled={!picked}
        onClick={() => void choose(picked).catch((err: unknown) => showError(err, 'safe.nothingChanged'))}
      >
        {t('user.pick')}
      </button>
    </div>
  );
}
