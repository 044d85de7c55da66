/**
 * 人员管理 (issue 6): an admin lists the desk's people, adds someone, renames,
 * sets roles with checkboxes and deactivates or reactivates a profile. Nobody is
 * ever deleted (signatures and the review record name them); the last active admin
 * cannot be lost. Everything goes through the contract (users.list / users.save),
 * like the picker, so a real sign-in can replace the picker without touching this.
 * Anyone else sees the list read-only, with the reason and who the admins are.
 */
import { useState } from 'react';

import { ROLES, hasRole, type Role, type UserProfile } from '../../../shared/review/roles';
import { describeError } from '../app/describe-error';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';
import { idProblem, peopleProblems, type PeopleProblem } from './people-check';
import { useReviewUsers } from './ReviewContext';

type Row = UserProfile & { isNew: boolean };

const emptyNew = { id: '', name: '', roles: [] as Role[] };

export function PeopleDialog({ onClose }: { onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { toast } = useFeedback();
  const { users, current, reload } = useReviewUsers();
  const isAdmin = hasRole(current, 'admin');
  const [rows, setRows] = useState<Row[]>(() => users.map((u) => ({ ...u, isNew: false })));
  const [draft, setDraft] = useState(emptyNew);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const say = (p: PeopleProblem) => t(p.key, p.params);
  const edit = (id: string, patch: Partial<UserProfile>) => {
    setProblems([]);
    setRows((all) => all.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  };
  const toggleRole = (roles: readonly Role[], role: Role): Role[] =>
    roles.includes(role)
      ? roles.filter((r) => r !== role)
      : ROLES.filter((r) => r === role || roles.includes(r));

  const add = () => {
    const id = draft.id.trim();
    const name = draft.name.trim();
    if (!id || !name) return setProblems([t('people.errNewIncomplete')]);
    const wrong = idProblem(id, rows);
    if (wrong) return setProblems([say(wrong)]);
    if (rows.some((r) => r.name.trim() === name)) return setProblems([t('people.errNameTwice', { name })]);
    setRows((all) => [...all, { id, name, roles: draft.roles, disabled: false, isNew: true }]);
    setDraft(emptyNew);
    setProblems([]);
  };

  const save = async () => {
    const profiles = rows.map(({ isNew: _new, ...u }) => ({ ...u, name: u.name.trim() }));
    const found = peopleProblems(profiles).map(say);
    if (found.length) return setProblems(found);
    if (JSON.stringify(profiles) === JSON.stringify(users)) return setProblems([t('people.unchanged')]);
    setSaving(true);
    try {
      await desk['users.save']({ users: profiles });
      await reload();
      toast(t('people.saved'));
      onClose();
    } catch (err) {
      setProblems([describeError(err, i18n).message]);
    } finally {
      setSaving(false);
    }
  };

  const admins = users.filter((u) => !u.disabled && hasRole(u, 'admin')).map((u) => u.name);
  return (
    <Dialog
      title={t('people.title')}
      onClose={onClose}
      testId="people-dialog"
      footer={
        isAdmin ? (
          <>
            <button type="button" onClick={onClose} data-testid="people-cancel">
              {t('people.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={saving}
              onClick={() => void save()}
              data-testid="people-save"
            >
              {t('people.save')}
            </button>
          </>
        ) : (
          <button type="button" onClick={onClose}>
            {t('people.close')}
          </button>
        )
      }
    >
      {isAdmin ? (
        <p className="muted people-hint">{t('people.hint')}</p>
      ) : (
        <p className="people-refused" role="status" data-testid="people-not-admin">
          {current
            ? t('people.notAdmin', {
                name: current.name,
                roles: current.roles.map((r) => t(`role.${r}`)).join('、') || '—',
                admins: admins.join('、'),
              })
            : t('people.notAdminNobody')}
        </p>
      )}
      <table className="people-table" data-testid="people-table">
        <thead>
          <tr>
            <th scope="col">{t('people.colId')}</th>
            <th scope="col">{t('people.colName')}</th>
            {ROLES.map((r) => (
              <th scope="col" key={r} className="people-role">
                {t(`role.${r}`)}
              </th>
            ))}
            <th scope="col">{t('people.colState')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr
              key={u.id}
              data-testid="people-row"
              data-user-id={u.id}
              className={u.disabled ? 'people-disabled' : ''}
            >
              <td className="people-id">
                {u.id}
                {u.isNew && <span className="tag">{t('people.new')}</span>}
              </td>
              <td>
                {isAdmin ? (
                  <input
                    className="people-name"
                    value={u.name}
                    maxLength={80}
                    aria-label={`${t('people.colName')} ${u.id}`}
                    data-testid="people-name"
                    onChange={(e) => edit(u.id, { name: e.target.value })}
                  />
                ) : (
                  u.name
                )}
                {u.id === current?.id && <span className="muted">{t('people.you')}</span>}
              </td>
              {ROLES.map((r) => (
                <td key={r} className="people-role">
                  <input
                    type="checkbox"
                    checked={u.roles.includes(r)}
                    disabled={!isAdmin}
                    aria-label={`${u.name} ${t(`role.${r}`)}`}
                    data-testid={`people-role-${r}`}
                    onChange={() => edit(u.id, { roles: toggleRole(u.roles, r) })}
                  />
                </td>
              ))}
              <td>
                <div className="people-state">
                  <span>{u.disabled ? t('people.disabled') : t('people.enabled')}</span>
                  {isAdmin &&
                    (u.isNew ? (
                      <button
                        type="button"
                        onClick={() => setRows((all) => all.filter((x) => x.id !== u.id))}
                      >
                        {t('people.removeNew')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        data-testid="people-toggle"
                        onClick={() => edit(u.id, { disabled: !u.disabled })}
                      >
                        {u.disabled ? t('people.enable') : t('people.disable')}
                      </button>
                    ))}
                </div>
              </td>
            </tr>
          ))}
          {isAdmin && (
            <tr className="people-add" data-testid="people-add-row">
              <td>
                <input
                  value={draft.id}
                  maxLength={64}
                  placeholder={t('people.newId')}
                  title={t('people.newIdHint')}
                  aria-label={`${t('people.newId')}（${t('people.newIdHint')}）`}
                  data-testid="people-new-id"
                  onChange={(e) => setDraft({ ...draft, id: e.target.value })}
                />
              </td>
              <td>
                <input
                  value={draft.name}
                  maxLength={80}
                  placeholder={t('people.newName')}
                  aria-label={t('people.newName')}
                  data-testid="people-new-name"
                  onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                />
              </td>
              {ROLES.map((r) => (
                <td key={r} className="people-role">
                  <input
                    type="checkbox"
                    checked={draft.roles.includes(r)}
                    aria-label={`${t('people.add')} ${t(`role.${r}`)}`}
                    data-testid={`people-new-role-${r}`}
                    onChange={() => setDraft({ ...draft, roles: toggleRole(draft.roles, r) })}
                  />
                </td>
              ))}
              <td>
                <button type="button" data-testid="people-add" onClick={add}>
                  {t('people.add')}
                </button>
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {problems.length > 0 && (
        <ul className="people-problems review-error" role="alert" data-testid="people-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
