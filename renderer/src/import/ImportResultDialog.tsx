/** Per imported file: the new story (with a way to open it) and what to check, or why nothing was written. */
import { DeskError } from '../../../shared/api';
import { Dialog } from '../app/Dialog';
import { describeError } from '../app/describe-error';
import { useI18n } from '../app/i18n/i18n';
import type { ImportedFile } from './import-files';
import { encodingName, noteMessage } from './note-text';
import { RegionChoice } from './RegionChoice';

type Props = {
  results: readonly ImportedFile[];
  onOpen: (storyId: string) => void;
  onClose: () => void;
};

export function ImportResultDialog({ results, onOpen, onClose }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const ok = results.filter((r) => r.ok).length;
  const failed = results.length - ok;
  return (
    <Dialog
      title={t('import.resultTitle')}
      onClose={onClose}
      testId="import-result"
      footer={
        <button
          type="button"
          className="primary"
          autoFocus
          data-testid="import-result-close"
          onClick={onClose}
        >
          {t('import.close')}
        </button>
      }
    >
      <p className="import-summary" data-testid="import-summary">
        {failed === 0
          ? t('import.summaryAllOk', { total: results.length })
          : t('import.summary', { total: results.length, ok, failed })}
      </p>
      <ul className="import-files">
        {results.map((r, i) => (
          <li
            key={i}
            className={`import-file${r.ok ? '' : ' failed'}`}
            data-testid="import-file"
            data-file={r.file}
            data-ok={r.ok ? 'true' : 'false'}
          >
            <div className="import-file-head">
              <span className="import-file-name">{r.file}</span>
              {r.ok ? (
                <>
                  <span className="import-file-story">
                    {t('import.fileOk', { headline: r.headline || t('import.untitled') })}
                  </span>
                  <button
                    type="button"
                    className="link"
                    data-testid="import-open"
                    onClick={() => {
                      onOpen(r.storyId);
                      onClose();
                    }}
                  >
                    {t('import.open')}
                  </button>
                </>
              ) : (
                <span className="import-file-failed">{t('import.fileFailed')}</span>
              )}
            </div>
            {r.ok ? (
              <>
                {r.encoding && (
                  <p className="import-encoding" data-testid="import-encoding">
                    {t('import.encoding', { encoding: encodingName(i18n, r.encoding) })}
                  </p>
                )}
                {r.notes.length === 0 ? (
                  <p className="import-none">{t('import.noNotes')}</p>
                ) : (
                  <details className="import-notes" open>
                    <summary>{t('import.notesTitle', { count: r.notes.length })}</summary>
                    <ul>
                      {r.notes.map((n, j) => {
                        const message = noteMessage(i18n, n);
                        return (
                          <li key={j} data-testid="import-note" data-code={n.code}>
                            <span>{message}</span>
                            {n.text && !message.includes(n.text) && (
                              <q className="import-note-text">{n.text}</q>
                            )}
                            {n.code === 'region-ambiguous' && n.choices && n.choices.length > 0 && (
                              <RegionChoice
                                storyId={r.storyId}
                                value={String(n.params.value ?? n.text)}
                                choices={n.choices}
                              />
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  </details>
                )}
              </>
            ) : (
              <FileError error={r.error} />
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

function FileError({ error }: { error: unknown }) {
  const i18n = useI18n();
  const text = describeError(error, i18n);
  const problems = error instanceof DeskError ? error.problems : [];
  return (
    <div className="import-error" role="alert" data-testid="import-error">
      {problems.length > 0 ? (
        <>
          <p>
            {i18n.t('error.storyProblems', {
              file: error instanceof DeskError ? String(error.params.file ?? '') : '',
              count: problems.length,
            })}
          </p>
          <ol className="import-problems">
            {problems.map((p, i) => (
              <li key={i} data-testid="import-problem" data-line={p.line ?? ''}>
                <span className="import-problem-line">
                  {p.line === null
                    ? i18n.t('storyFormat.whole')
                    : i18n.t('storyFormat.line', { line: p.line })}
                </span>{' '}
                <span>{i18n.tKey(p.key, p.params) ?? p.detail}</span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p>{text.message}</p>
      )}
      <p className="import-error-safe">{i18n.t('import.nothingWritten')}</p>
      <p className="import-error-detail">{i18n.t('error.detail', { detail: text.detail })}</p>
    </div>
  );
}
