/**
 * One archived story, read-only: title, date and page, its paragraphs (and the
 * captions the archive keeps after them). Opened from a duplicate finding, the
 * twin's characters are marked and scrolled to; opened from a search, the query's
 * places are. Its region and byline are shown as they were archived (a story
 * archived before the archive kept them says so).
 */
import { useEffect, useRef, useState } from 'react';

import type { ArchivedStoryView } from '../../../shared/archive-search';
import { describeError } from '../app/describe-error';
import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';
import { codePointRange, MarkedText, occurrences } from './MarkedText';

/** A finding's place in the archived story: block index and code-point offsets. */
export type ArchiveReveal = { paragraph: number; start: number; end: number };

type Props = {
  id: string | null;
  reveal: ArchiveReveal | null;
  /** The search that led here: its places are marked. */
  query: string;
};

type Loaded =
  | { state: 'loading'; id: string }
  | { state: 'ready'; story: ArchivedStoryView }
  | { state: 'failed'; id: string; error: unknown };

/** A short line without a sentence mark reads as a subhead (the archive keeps blocks as text only). */
const looksLikeSubhead = (text: string) =>
  Array.from(text).length <= 30 && !/[。！？；，,.!?;：:]/u.test(text) && !/摄$|供图$/u.test(text);

/** Captions are archived after the body with their credit ("… 摄", "…供图"). */
const looksLikeCaption = (text: string) => /(?:摄|供图)$/u.test(text.trim());

export function ArchiveReader({ id, reveal, query }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const firstMark = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!id) {
      setLoaded(null);
      return;
    }
    let live = true;
    setLoaded({ state: 'loading', id });
    desk['archive.get']({ id }).then(
      (story) => live && setLoaded({ state: 'ready', story }),
      (error: unknown) => live && setLoaded({ state: 'failed', id, error }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const story = loaded?.state === 'ready' ? loaded.story : null;
  useEffect(() => {
    if (story) firstMark.current?.scrollIntoView({ block: 'center' });
  }, [story, reveal, query]);

  if (!id || !loaded) {
    return (
      <article className="archive-reader" aria-label={t('archive.readOnly')} data-testid="archive-reader">
        <p className="archive-hint">{t('archive.pickStory')}</p>
      </article>
    );
  }
  if (loaded.state !== 'ready') {
    return (
      <article className="archive-reader" data-testid="archive-reader">
        {loaded.state === 'loading' ? (
          <p className="archive-hint">{t('archive.loading')}</p>
        ) : (
          <p className="archive-error" role="alert">
            {describeError(loaded.error, i18n).message}
          </p>
        )}
      </article>
    );
  }

  const { story: s } = loaded;
  let marked = false;
  const rangesOf = (text: string, i: number): Array<[number, number]> => {
    if (reveal) return reveal.paragraph === i ? [codePointRange(text, reveal.start, reveal.end)] : [];
    return occurrences(text, query);
  };
  return (
    <article className="archive-reader" aria-label={s.title} data-testid="archive-reader" data-story={s.id}>
      <header className="archive-reader-head">
        <h2 className="archive-reader-title" data-testid="archive-reader-title">
          {s.title || t('archive.untitled')}
        </h2>
        <p className="archive-reader-meta">
          <span>{s.date}</span>
          <span>{s.page ? t('archive.page', { page: s.page }) : t('archive.pageNone')}</span>
          <span>{t('archive.chars', { count: s.length })}</span>
          <span className="archive-readonly">{t('archive.readOnly')}</span>
        </p>
        <ArchivedDetails story={s} />
        {reveal && <p className="archive-reveal-note">{t('archive.fromFinding')}</p>}
      </header>
      <div className="archive-reader-body">
        {s.blocks.map((text, i) => {
          if (!text) return null;
          const ranges = rangesOf(text, i);
          const first = !marked && ranges.length > 0;
          if (first) marked = true;
          const Tag = looksLikeSubhead(text) ? 'h3' : 'p';
          const caption = looksLikeCaption(text) ? ' caption' : '';
          return (
            <Tag
              key={i}
              className={`archive-block${caption}${ranges.length && reveal ? ' revealed' : ''}`}
              data-testid="archive-paragraph"
              data-index={i}
            >
              <MarkedText
                text={text}
                ranges={ranges}
                firstRef={first ? firstMark : undefined}
                markClass={reveal ? 'archive-mark-finding' : 'archive-mark'}
              />
            </Tag>
          );
        })}
      </div>
    </article>
  );
}

/** The region and byline the story was archived with. */
function ArchivedDetails({ story }: { story: ArchivedStoryView }) {
  const { t } = useI18n();
  if (story.byline === null && story.region === null) {
    return (
      <p className="archive-reader-details" data-testid="archive-reader-details" data-kept="false">
        {t('archive.detailsNotKept')}
      </p>
    );
  }
  return (
    <dl className="archive-reader-details" data-testid="archive-reader-details" data-kept="true">
      <dt>{t('archive.region')}</dt>
      <dd data-testid="archive-reader-region" data-code={story.region?.code ?? ''}>
        {story.region
          ? t('archive.regionValue', { path: story.region.path.join(' '), code: story.region.code })
          : t('archive.regionNone')}
      </dd>
      <dt>{t('archive.byline')}</dt>
      <dd data-testid="archive-reader-byline">{story.byline || t('archive.bylineNone')}</dd>
    </dl>
  );
}
