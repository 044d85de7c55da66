/**
 * "导入稿件": a button opening a file picker (.docx/.md/.txt, several at once), and
 * the story list as a drop zone for the same files. Each file becomes a new story;
 * progress shows while they are read, then the result dialog lists per file what
 * to check (or why nothing was written).
 */
import { useCallback, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

import { Dialog } from '../app/Dialog';
import { useI18n } from '../app/i18n/i18n';
import { importStoryFiles, type ImportedFile, type ImportProgress } from './import-files';
import { ImportResultDialog } from './ImportResultDialog';
import { STORY_FILE_ACCEPT } from './story-file-types';
import { useFileDrop } from './use-file-drop';
import './import.css';

type Props = {
  /** The list's page filter: imported stories go to that page, as new ones do. */
  page: string | null;
  /** The new stories' ids, once all files are done (the list reloads). */
  onImported: (ids: string[]) => void;
  onOpen: (id: string) => void;
};

export function ImportStories({ page, onImported, onOpen }: Props) {
  const { t } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const anchorRef = useRef<HTMLSpanElement>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [results, setResults] = useState<ImportedFile[] | null>(null);
  const busy = progress !== null;

  const run = useCallback(
    async (files: File[]) => {
      if (files.length === 0 || busy) return;
      setResults(null);
      setProgress({ done: 0, total: files.length, file: files[0]!.name });
      const done = await importStoryFiles(files, { page, onProgress: setProgress });
      setProgress(null);
      setResults(done);
      const ids = done.flatMap((r) => (r.ok ? [r.storyId] : []));
      if (ids.length) onImported(ids);
    },
    [busy, page, onImported],
  );

  // The drop zone is the story list this button sits in (only while it is on screen).
  const zone = useCallback(() => anchorRef.current?.closest<HTMLElement>('.story-list') ?? null, []);
  const dragging = useFileDrop(zone, (files) => void run(files));
  const zoneElement = dragging ? zone() : null;

  return (
    <span ref={anchorRef} className="import-anchor">
      <button
        type="button"
        className="import-stories-button"
        data-testid="import-stories"
        title={t('import.buttonTitle')}
        disabled={busy}
        onClick={() => inputRef.current?.click()}
      >
        {t('import.button')}
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        accept={STORY_FILE_ACCEPT}
        aria-label={t('import.pickLabel')}
        data-testid="import-stories-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void run(files);
        }}
      />
      {zoneElement &&
        createPortal(
          <div className="import-drop" data-testid="import-drop">
            <span>{t('import.drop')}</span>
          </div>,
          zoneElement,
        )}
      {progress && (
        <Dialog title={t('import.progressTitle')} onClose={() => undefined} testId="import-progress">
          <progress className="import-progress" max={progress.total} value={progress.done} />
          <p className="import-progress-text">
            {t('import.progress', {
              n: Math.min(progress.done + 1, progress.total),
              total: progress.total,
              file: progress.file,
            })}
          </p>
        </Dialog>
      )}
      {results && <ImportResultDialog results={results} onOpen={onOpen} onClose={() => setResults(null)} />}
    </span>
  );
}
