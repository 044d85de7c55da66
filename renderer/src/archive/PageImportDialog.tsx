/**
 * 导入往期版面: page name, date and the page's text file → the split as
 * 'archive.splitPage' reads it (each story's region, headline parts, byline,
 * paragraphs, captions, jump lines, where a column break was mended, every line's
 * role; slogan boxes apart) for the editor to check and correct (merge a story into
 * the one above, split at a line, mark a line as headline, byline, caption, subhead
 * or paragraph: the host splits again with the corrections) → 'archive.importPage'
 * with the same corrections → how many were archived. Nothing is written before
 * the confirmation; 返回修改 keeps the file and the corrections.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';

import type { PageSplitResult } from '../../../shared/import/import-contract';
import {
  PAGE_LINE_MARKS,
  type PageBox,
  type PageCorrection,
  type PageLine,
  type PageLineMark,
  type PageStory,
} from '../../../shared/import/page-text';
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
  /** The editor's corrections of this file's split: kept across 返回修改, cleared with another file. */
  const [corrections, setCorrections] = useState<PageCorrection[]>([]);
  const [cleared, setCleared] = useState(false);

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
      const result = await desk['archive.splitPage']({ name: form.file.name, data, corrections });
      setStep({ step: 'review', split: result, data, busy: false, error: null });
    } catch (error) {
      setStep({ step: 'form', busy: false, error });
    }
  };

  /** Splits again with `next` corrections; the split shown stays until the new one is back. */
  const correct = async (next: PageCorrection[]) => {
    if (step.step !== 'review' || !form.file) return;
    setStep({ ...step, busy: true, error: null });
    try {
      const result = await desk['archive.splitPage']({
        name: form.file.name,
        data: step.data,
        corrections: next,
      });
      setCorrections(next);
      setStep({ ...step, split: result, busy: false, error: null });
    } catch (error) {
      setStep({ ...step, busy: false, error });
    }
  };

  /** A mark replaces an earlier mark of the same line; a merge or split given twice is taken back. */
  const addCorrection = (c: PageCorrection) => {
    const same = (o: PageCorrection) => o.kind === c.kind && o.line === c.line;
    if (c.kind !== 'mark' && corrections.some(same)) void correct(corrections.filter((o) => !same(o)));
    else void correct([...corrections.filter((o) => !same(o)), c]);
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
        corrections,
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
        {step.busy && (
          <p className="page-import-updating" role="status">
            {t('pageImport.updating')}
          </p>
        )}
        <ol className="page-split" data-testid="page-split">
          {s.stories.map((story, i) => (
            <SplitStory
              key={`${story.firstLine}-${i}`}
              story={story}
              first={i === 0}
              busy={step.busy}
              onCorrect={addCorrection}
            />
          ))}
        </ol>
        {s.boxes.length > 0 && <SplitBoxes boxes={s.boxes} />}
        {corrections.length > 0 && (
          <div className="page-import-corrections">
            <span className="split-label">{t('pageImport.corrections', { count: corrections.length })}</span>
            <ul>
              {corrections.map((c, i) => (
                <li key={i} data-testid="page-import-correction">
                  {correctionText(t, c)}
                  <button
                    type="button"
                    className="link"
                    disabled={step.busy}
                    onClick={() => void correct(corrections.filter((o) => o !== c))}
                  >
                    {t('pageImport.undo')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
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
            onChange={(e) => {
              setForm({ ...form, file: e.target.files?.[0] ?? null });
              setCleared(corrections.length > 0);
              setCorrections([]);
            }}
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
        {corrections.length > 0 && (
          <p className="page-import-kept" data-testid="page-import-kept">
            {t('pageImport.kept', { count: corrections.length })}
          </p>
        )}
        {cleared && corrections.length === 0 && (
          <p className="page-import-kept" data-testid="page-import-kept">
            {t('pageImport.keptCleared')}
          </p>
        )}
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

type Translate = ReturnType<typeof useI18n>['t'];

function correctionText(t: Translate, c: PageCorrection): string {
  if (c.kind === 'mark')
    return t('pageImport.correction.mark', { line: c.line, role: t(`pageImport.role.${c.as}`) });
  return t(`pageImport.correction.${c.kind}`, { line: c.line });
}

type StoryProps = {
  story: PageStory;
  /** The first story of the page: nothing above to merge into. */
  first: boolean;
  busy: boolean;
  onCorrect: (c: PageCorrection) => void;
};

function SplitStory({ story, first, busy, onCorrect }: StoryProps) {
  const { t } = useI18n();
  const byline = bylineText(story.byline, story.dateline).replace(/\n/g, ' ');
  const subheads = story.blocks.filter((b) => b.type === 'subhead').length;
  const region = story.region
    ? story.region.path.join('')
    : story.regionLabel && t('pageImport.regionUnresolved', { label: story.regionLabel });
  return (
    <li className="split-story" data-testid="split-story" data-first-line={story.firstLine}>
      {!first && (
        <button
          type="button"
          className="split-merge"
          data-testid="split-merge"
          title={t('pageImport.mergeUpTitle')}
          disabled={busy}
          onClick={() => onCorrect({ kind: 'merge', line: story.firstLine })}
        >
          {t('pageImport.mergeUp')}
        </button>
      )}
      {region && (
        <p className="split-region" data-testid="split-region">
          <span className="split-label">{t('pageImport.region')}</span>
          {region}
        </p>
      )}
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
      <details className="split-line-list" data-testid="split-lines">
        <summary>{t('pageImport.linesToggle', { count: story.lines.length })}</summary>
        <ol>
          {story.lines.map((l, i) => (
            <SplitLine key={l.line} line={l} canSplit={i > 0} busy={busy} onCorrect={onCorrect} />
          ))}
        </ol>
      </details>
    </li>
  );
}

/** One line of the page text with its role, marked otherwise or split at by the editor. */
function SplitLine({
  line,
  canSplit,
  busy,
  onCorrect,
}: {
  line: PageLine;
  canSplit: boolean;
  busy: boolean;
  onCorrect: (c: PageCorrection) => void;
}) {
  const { t } = useI18n();
  const marks = PAGE_LINE_MARKS.filter((m) => m !== line.role);
  return (
    <li className="split-line" data-testid="split-line" data-line={line.line} data-role={line.role}>
      <span className="split-line-no">{t('pageImport.lineNumber', { line: line.line })}</span>
      <span className="split-line-role" data-testid="split-line-role">
        {t(`pageImport.role.${line.role}`)}
      </span>
      <span className="split-line-text">{line.text}</span>
      <select
        aria-label={t('pageImport.markAs', { line: line.line })}
        data-testid="split-mark"
        value=""
        disabled={busy}
        onChange={(e) => {
          const as = e.target.value as PageLineMark | '';
          if (as) onCorrect({ kind: 'mark', line: line.line, as });
        }}
      >
        <option value="">{t('pageImport.markKeep')}</option>
        {marks.map((m) => (
          <option key={m} value={m}>
            {t(`pageImport.role.${m}`)}
          </option>
        ))}
      </select>
      {canSplit ? (
        <button
          type="button"
          className="link"
          data-testid="split-here"
          title={t('pageImport.splitHereTitle', { line: line.line })}
          disabled={busy}
          onClick={() => onCorrect({ kind: 'split', line: line.line })}
        >
          {t('pageImport.splitHere')}
        </button>
      ) : (
        <span />
      )}
    </li>
  );
}

/** The page's slogan boxes: shown so nothing is lost, not archived. */
function SplitBoxes({ boxes }: { boxes: readonly PageBox[] }) {
  const { t } = useI18n();
  return (
    <div className="split-section split-boxes">
      <span className="split-label">{t('pageImport.boxes')}</span>
      <ul data-testid="split-boxes">
        {boxes.map((b) => (
          <li key={b.firstLine} data-testid="split-box">
            <span className="split-lines">
              {t('pageImport.box', { first: b.firstLine, last: b.lastLine })}
            </span>{' '}
            {b.lines.map((l) => l.text).join(' / ')}
          </li>
        ))}
      </ul>
    </div>
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
