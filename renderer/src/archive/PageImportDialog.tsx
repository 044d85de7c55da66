/**
 * 导入往期版面: page name, date and the page's text file → the split as
 * 'archive.splitPage' reads it (each story's headline parts, byline, paragraphs,
 * captions, jump lines, and where a column break was mended) for the editor to
 * confirm → 'archive.importPage' → how many were archived. Nothing is written
 * before the confirmation.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';

import type { PageSplitResult } from '../../../shared/import/import-contract';
import type { PageStory } from '../../../shared/import/page-text';
import { photoCreditText } from '../../../shared/format/photo-credit';
import { bylineText, PAGE_NAME } from '../../../shared/model';
import { describeError } from '../app/describe-error';
import { Dialog } from '../app/Dialog';
import { useI18n } from '../app/i18n/i18n';
import { encodingName, noteMessage } from '../import/note-text';
import { desk } from '../platform/desk-client';
import { readFileAsBase64 } from '../platform/read-file';

type Props = {
  onClose: () => void;
  /** Stories were archived: the archive view refreshes and may show that date. */
  onImported: (date: string, page: string) => void;
};

type Form = { page: string; date: string; file: File | null };
type Step =
  | { step: 'form'; busy: boolean; error: unknown }
  | { step: 'review'; split: PageSplitResult; data: string; busy: boolean; error: unknown }
  | { step: 'done'; added: number; skipped: number };

export function PageImportDialog({ onClose, onImported }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState<Form>({ page: '', date: '', file: null });
  const [tried, setTried] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>({ step: 'form', busy: false, error: null });

  const pageOk = PAGE_NAME.test(form.page);
  const problems = [
    !pageOk && t('pageImport.pageInvalid'),
    !form.date && t('pageImport.dateMissing'),
    !form.file && t('pageImport.fileMissing'),
  ].filter((p): p is string => Boolean(p));

  const split = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.length || !form.file) return;
    setStep({ step: 'form', busy: true, error: null });
    try {
      const data = await readFileAsBase64(form.file);
      const result = await desk['archive.splitPage']({ name: form.file.name, data });
      setStep({ step: 'review', split: result, data, busy: false, error: null });
    } catch (error) {
      setStep({ step: 'form', busy: false, error });
    }
  };

  const confirm = async () => {
    if (step.step !== 'review' || !form.file) return;
    setStep({ ...step, busy: true, error: null });
    try {
      const result = await desk['archive.importPage']({
        name: form.file.name,
        data: step.data,
        page: form.page,
        date: form.date,
      });
      setStep({ step: 'done', ...result });
      onImported(form.date, form.page);
    } catch (error) {
      setStep({ ...step, busy: false, error });
    }
  };

  const errorOf = (error: unknown) =>
    error ? (
      <p className="page-import-error" role="alert" data-testid="page-import-error">
        {describeError(error, i18n).message}
      </p>
    ) : null;

  if (step.step === 'done') {
    return (
      <Dialog
        title={t('pageImport.title')}
        onClose={onClose}
        testId="page-import"
        footer={
          <button
            type="button"
            className="primary"
            autoFocus
            data-testid="page-import-close"
            onClick={onClose}
          >
            {t('pageImport.close')}
          </button>
        }
      >
        <p className="page-import-done" data-testid="page-import-done">
          {t('pageImport.done', { added: step.added, skipped: step.skipped })}
        </p>
      </Dialog>
    );
  }

  if (step.step === 'review') {
    const { split: s } = step;
    return (
      <Dialog
        title={t('pageImport.title')}
        onClose={onClose}
        testId="page-import"
        footer={
          <>
            <button
              type="button"
              data-testid="page-import-back"
              disabled={step.busy}
              onClick={() => setStep({ step: 'form', busy: false, error: null })}
            >
              {t('pageImport.back')}
            </button>
            <button
              type="button"
              className="primary"
              autoFocus
              data-testid="page-import-confirm"
              disabled={step.busy || s.stories.length === 0}
              onClick={() => void confirm()}
            >
              {step.busy ? t('pageImport.importing') : t('pageImport.confirm')}
            </button>
          </>
        }
      >
        <p className="page-import-summary" data-testid="page-import-summary">
          {s.stories.length === 0
            ? t('pageImport.none')
            : t('pageImport.summary', {
                page: form.page,
                date: form.date,
                count: s.stories.length,
                encoding: encodingName(i18n, s.encoding),
              })}
        </p>
        <ol className="page-split" data-testid="page-split">
          {s.stories.map((story, i) => (
            <SplitStory key={i} story={story} />
          ))}
        </ol>
        {s.notes.length > 0 && (
          <details className="page-import-notes">
            <summary>{t('pageImport.notes', { count: s.notes.length })}</summary>
            <ul>
              {s.notes.map((n, i) => (
                <li key={i} data-testid="page-import-note" data-code={n.code}>
                  {noteMessage(i18n, n)}
                  {n.text && <q className="import-note-text">{n.text.replace('|', ' | ')}</q>}
                </li>
              ))}
            </ul>
          </details>
        )}
        {errorOf(step.error)}
      </Dialog>
    );
  }

  return (
    <Dialog
      title={t('pageImport.title')}
      onClose={onClose}
      testId="page-import"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('pageImport.cancel')}
          </button>
          <button
            type="submit"
            form="page-import-form"
            className="primary"
            data-testid="page-import-split"
            disabled={step.busy}
          >
            {step.busy ? t('pageImport.splitting') : t('pageImport.split')}
          </button>
        </>
      }
    >
      <form id="page-import-form" className="page-import-form" onSubmit={(e) => void split(e)} noValidate>
        <label>
          <span>{t('pageImport.page')}</span>
          <input
            autoFocus
            data-testid="page-import-page"
            placeholder={t('pageImport.pagePlaceholder')}
            maxLength={3}
            value={form.page}
            aria-invalid={tried && !pageOk}
            onChange={(e) => setForm({ ...form, page: e.target.value.trim().toUpperCase() })}
          />
        </label>
        <label>
          <span>{t('pageImport.date')}</span>
          <input
            type="date"
            data-testid="page-import-date"
            value={form.date}
            aria-invalid={tried && !form.date}
            onChange={(e) => setForm({ ...form, date: e.target.value })}
          />
        </label>
        <div className="page-import-file">
          <span id="page-import-file-label">{t('pageImport.file')}</span>
          {/* The browser's own file control speaks the browser's language: a button of ours opens it. */}
          <input
            ref={fileRef}
            type="file"
            hidden
            accept=".txt,.md"
            aria-labelledby="page-import-file-label"
            data-testid="page-import-file"
            onChange={(e) => setForm({ ...form, file: e.target.files?.[0] ?? null })}
          />
          <span className="page-import-file-row">
            <button
              type="button"
              aria-describedby="page-import-file-label"
              aria-invalid={tried && !form.file}
              onClick={() => fileRef.current?.click()}
            >
              {t('pageImport.pick')}
            </button>
            <span
              className={`page-import-file-name${form.file ? '' : ' none'}`}
              data-testid="page-import-file-name"
            >
              {form.file ? form.file.name : t('pageImport.noFile')}
            </span>
          </span>
        </div>
        {tried && problems.length > 0 && (
          <ul className="field-error page-import-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </form>
      {errorOf(step.error)}
    </Dialog>
  );
}

function SplitStory({ story }: { story: PageStory }) {
  const { t } = useI18n();
  const byline = bylineText(story.byline, story.dateline).replace(/\n/g, ' ');
  const subheads = story.blocks.filter((b) => b.type === 'subhead').length;
  return (
    <li className="split-story" data-testid="split-story">
      {story.kicker && (
        <p className="split-kicker">
          <span className="split-label">{t('pageImport.kicker')}</span>
          {story.kicker}
        </p>
      )}
      <h3 className="split-headline" data-testid="split-headline">
        {story.headline}
      </h3>
      {story.subheadline && (
        <p className="split-subheadline">
          <span className="split-label">{t('pageImport.subheadline')}</span>
          {story.subheadline}
        </p>
      )}
      <p className="split-facts">
        <span data-testid="split-byline" className={byline ? '' : 'split-missing'}>
          <span className="split-label">{t('pageImport.byline')}</span>
          {byline || t('pageImport.noByline')}
        </span>
        <span data-testid="split-paragraphs">
          {t('pageImport.paragraphs', { count: story.blocks.length, subheads })}
        </span>
        <span className="split-lines">
          {t('pageImport.lines', { first: story.firstLine, last: story.lastLine })}
        </span>
        {story.continued && <span className="split-continued">{t('pageImport.continued')}</span>}
      </p>
      <SplitSection label={t('pageImport.captions')} testId="split-captions">
        {story.captions.map((c, i) => (
          <li key={i}>
            {c.caption}
            {c.creditName && <span className="split-credit">{photoCreditText(c)}</span>}
          </li>
        ))}
      </SplitSection>
      <SplitSection label={t('pageImport.jumps')} testId="split-jumps">
        {story.jumps.map((j, i) => (
          <li key={i}>
            {j.direction === 'to'
              ? t('pageImport.jumpTo', { page: j.page })
              : t('pageImport.jumpFrom', { page: j.page })}
          </li>
        ))}
      </SplitSection>
      <SplitSection label={t('pageImport.joins')} testId="split-joins">
        {story.joins.map((j, i) => (
          <li key={i}>{t('pageImport.join', { line: j.line, end: j.end, start: j.start })}</li>
        ))}
      </SplitSection>
    </li>
  );
}

/** One labelled list of a split story (captions, jump lines, joins); nothing when it is empty. */
function SplitSection({ label, testId, children }: { label: string; testId: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <div className="split-section">
      <span className="split-label">{label}</span>
      <ul data-testid={testId}>{children}</ul>
    </div>
  );
}
