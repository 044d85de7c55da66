/**
 * The editor of the official wording bank (domain §4): the paper's own entries,
 * each with its wrong and right form, severity, note and source. Saving makes a
 * new version with a change-log line; the live checks pick it up at once.
 */
import { useEffect, useState } from 'react';

import type { TermBank, TermEntry } from '../../../shared/checks/wording/term-bank';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { setCheckTerms } from '../editor/findings/check-runner';
import { desk } from '../platform/desk-client';
import './terms.css';

const SEVERITIES = ['error', 'warning', 'info'] as const;

/** A fresh id that is unique in the bank and valid for the schema. */
function newId(entries: readonly TermEntry[]): string {
  const taken = new Set(entries.map((e) => e.id));
  let n = entries.length + 1;
  while (taken.has(`desk-${n}`)) n++;
  return `desk-${n}`;
}

export function TermBankDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [bank, setBank] = useState<TermBank | null>(null);
  const [entries, setEntries] = useState<TermEntry[]>([]);
  const [note, setNote] = useState('');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [noteMissing, setNoteMissing] = useState(false);

  useEffect(() => {
    let live = true;
    desk['terms.get']({}).then(
      (loaded) => {
        if (!live) return;
        setBank(loaded);
        setEntries(loaded.entries);
      },
      (err: unknown) => feedback.showError(err, 'safe.nothingChanged'),
    );
    return () => {
      live = false;
    };
  }, [feedback]);

  const edit = (index: number, patch: Partial<TermEntry>) => {
    setEntries((all) => all.map((e, i) => (i === index ? { ...e, ...patch } : e)));
    setDirty(true);
  };

  const save = async () => {
    if (!note.trim()) {
      setNoteMissing(true);
      return;
    }
    setSaving(true);
    try {
      const saved = await desk['terms.save']({ entries, note: note.trim() });
      setBank(saved);
      setEntries(saved.entries);
      setNote('');
      setDirty(false);
      setCheckTerms(saved);
      feedback.toast(t('terms.saved', { version: saved.version }));
    } catch (err) {
      feedback.showError(err, 'safe.termsKept');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      title={t('terms.title')}
      onClose={onClose}
      testId="terms-dialog"
      footer={
        <>
          {dirty && <span className="terms-unsaved">{t('terms.unsaved')}</span>}
          <button type="button" onClick={onClose} data-testid="terms-close">
            {t('terms.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!bank || saving || !dirty}
            onClick={() => void save()}
            data-testid="terms-save"
          >
            {t('terms.save')}
          </button>
        </>
      }
    >
      {!bank ? (
        <p>{t('terms.loading')}</p>
      ) : (
        <div className="terms-editor">
          <p className="terms-version" data-testid="terms-version">
            {t('terms.version', { version: bank.version, count: bank.entries.length })}
          </p>
          <div className="terms-table-wrap">
            <table className="terms-table">
              <thead>
                <tr>
                  <th>{t('terms.col.wrong')}</th>
                  <th>{t('terms.col.right')}</th>
                  <th>{t('terms.col.match')}</th>
                  <th>{t('terms.col.severity')}</th>
                  <th>{t('terms.col.note')}</th>
                  <th>{t('terms.col.source')}</th>
                  <th aria-label={t('terms.remove')} />
                </tr>
              </thead>
              <tbody>
                {entries.map((entry, i) => (
                  <tr key={entry.id} data-testid="terms-entry">
                    <td>
                      <input
                        aria-label={t('terms.col.wrong')}
                        value={entry.wrong}
                        onChange={(e) => edit(i, { wrong: e.target.value })}
                        data-testid="terms-wrong"
                      />
                    </td>
                    <td>
                      <input
                        aria-label={t('terms.col.right')}
                        value={entry.right}
                        onChange={(e) => edit(i, { right: e.target.value })}
                        data-testid="terms-right"
                      />
                    </td>
                    <td>
                      <select
                        aria-label={t('terms.col.match')}
                        value={entry.match ?? 'literal'}
                        onChange={(e) => edit(i, { match: e.target.value as 'literal' | 'pattern' })}
                      >
                        <option value="literal">{t('terms.match.literal')}</option>
                        <option value="pattern">{t('terms.match.pattern')}</option>
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={t('terms.col.severity')}
                        value={entry.severity}
                        onChange={(e) => edit(i, { severity: e.target.value as TermEntry['severity'] })}
                        data-testid="terms-severity"
                      >
                        {SEVERITIES.map((s) => (
                          <option key={s} value={s}>
                            {t(`terms.severity.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        aria-label={t('terms.col.note')}
                        value={entry.note}
                        onChange={(e) => edit(i, { note: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={t('terms.col.source')}
                        value={entry.source}
                        onChange={(e) => edit(i, { source: e.target.value })}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          setEntries((all) => all.filter((_, j) => j !== i));
                          setDirty(true);
                        }}
                      >
                        {t('terms.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            data-testid="terms-add"
            onClick={() => {
              setEntries((all) => [
                ...all,
                {
                  id: newId(all),
                  wrong: '',
                  right: '',
                  severity: 'error',
                  note: '',
                  source: '',
                  match: 'literal',
                },
              ]);
              setDirty(true);
            }}
          >
            {t('terms.add')}
          </button>
          <label className="terms-note">
            <span>{t('terms.note')}</span>
            <input
              value={note}
              aria-invalid={noteMissing}
              onChange={(e) => {
                setNote(e.target.value);
                setNoteMissing(false);
              }}
              data-testid="terms-note"
            />
          </label>
          {noteMissing && <p className="terms-error">{t('terms.noteRequired')}</p>}
          {bank.changelog.length > 0 && (
            <details className="terms-log">
              <summary>{t('terms.changelog')}</summary>
              <ol reversed>
                {[...bank.changelog].reverse().map((c) => (
                  <li key={c.version}>
                    {t('terms.changeLine', {
                      version: c.version,
                      date: new Date(c.date).toLocaleString(),
                      by: c.by,
                      note: c.note,
                    })}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </div>
      )}
    </Dialog>
  );
}
