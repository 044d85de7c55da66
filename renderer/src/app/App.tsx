/**
 * The shell: loads prefs and notices, then lays out header, story list, story
 * screen and side panels; owns the list query, the open story and every action
 * on stories (new, duplicate, trash with undo, restore, purge) and the shortcuts.
 *
 * When the store behind the desk changes (signed in to the newsroom or out of it,
 * issue 17), the window reads its data again as it does at start: prefs and notices
 * anew, and the people, the list, the queue and the open story remounted from them.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

import type { Notice } from '../../../shared/api';
import {
  StoryIdSchema,
  summarize,
  type DeskView,
  type Locale,
  type Prefs,
  type Story,
  type StoryQuery,
  type StorySummary,
} from '../../../shared/model';
import { ArchiveView } from '../archive/ArchiveView';
import { CheckoutProvider, useCheckout } from '../checkout/CheckoutContext';
import { TakeDialog } from '../checkout/TakeDialog';
import { TakeOverDialog } from '../checkout/TakeOverDialog';
import { useNeedsServer } from '../checkout/use-needs-server';
import { followDeskEvents } from '../desk/story-status';
import { StoryList } from '../desk/StoryList';
import { useStoryList } from '../desk/use-story-list';
import { unsavedDrafts } from '../editor/story-draft';
import { StoryScreen, type StoryScreenHandle } from '../editor/StoryScreen';
import { ReviewProvider } from '../review/ReviewContext';
import { ReviewQueueButton } from '../review/ReviewQueue';
import { useStoryLock } from '../review/use-story-lock';
import { UserPickerBanner, UserSwitch } from '../review/UserSwitch';
import { NewsroomBadge } from '../newsroom/NewsroomBadge';
import { NewsroomBanner } from '../newsroom/NewsroomBanner';
import { NewsroomProvider, useNewsroom } from '../newsroom/NewsroomContext';
import { NewsroomDialog } from '../newsroom/NewsroomDialog';
import { PagesView } from '../pages/PagesView';
import { desk, onDeskEvent, transport } from '../platform/desk-client';
import { TermBankDialog } from '../terms/TermBankDialog';
import { AboutDialog } from './AboutDialog';
import { describeError } from './describe-error';
import { Dialog } from './Dialog';
import { FeedbackProvider, useFeedback } from './feedback';
import { Header } from './Header';
import { I18nProvider, translator, useI18n } from './i18n/i18n';
import { NoticesBanner } from './NoticesBanner';
import { usePrefsSync } from './use-prefs-sync';
import { useShortcuts } from './use-shortcuts';

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; prefs: Prefs; notices: Notice[] };

type StartData = { prefs: Prefs; notices: Notice[] };

/** What the window reads from the desk at start (and again when the store behind it changed). */
async function readStart(): Promise<StartData> {
  const [prefs, notices] = await Promise.all([
    desk['prefs.get']({}),
    desk['notices.list']({}).catch((err: unknown) => {
      console.warn('[desk] notices could not be read:', err);
      return [] as Notice[];
    }),
  ]);
  return { prefs, notices };
}

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  useEffect(() => {
    readStart().then(
      ({ prefs, notices }) => setBoot({ state: 'ready', prefs, notices }),
      (error: unknown) => setBoot({ state: 'failed', error }),
    );
  }, []);

  // A story saved, submitted or signed in another window shows its new status here at once.
  useEffect(() => followDeskEvents(onDeskEvent), []);

  if (boot.state === 'ready') return <Desk prefs={boot.prefs} notices={boot.notices} />;

  const i18n = translator('zh-CN');
  const failure = boot.state === 'failed' ? describeError(boot.error, i18n) : null;
  return (
    <div
      className="boot"
      role={failure ? 'alert' : 'status'}
      data-testid={failure ? 'boot-failed' : 'boot-loading'}
    >
      <h1>{i18n.t('app.title')}</h1>
      {failure ? (
        <>
          <p>{i18n.t('app.startFailed', { message: failure.message })}</p>
          <p>{i18n.t('app.startFailedHint')}</p>
          <p className="mono">{failure.detail}</p>
        </>
      ) : (
        <p>{i18n.t('app.loading')}</p>
      )}
    </div>
  );
}

function Desk({ prefs, notices }: StartData) {
  const [locale, setLocale] = useState<Locale>(prefs.locale);
  const [start, setStart] = useState({ generation: 0, prefs, notices });

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translator(locale).t('app.title');
  }, [locale]);

  return (
    <I18nProvider locale={locale}>
      <FeedbackProvider>
        <Restart onRestart={(data) => setStart((s) => ({ generation: s.generation + 1, ...data }))}>
          <ReviewProvider key={start.generation}>
            <Shell
              key={start.generation}
              prefs={start.prefs}
              initialNotices={start.notices}
              locale={locale}
              onLocale={setLocale}
            />
          </ReviewProvider>
        </Restart>
      </FeedbackProvider>
    </I18nProvider>
  );
}

/** The newsroom's state for the window; a change of store reads the start data again (see the top). */
function Restart({ onRestart, children }: { onRestart: (data: StartData) => void; children: ReactNode }) {
  const { showError } = useFeedback();
  const restart = useCallback(() => {
    readStart().then(onRestart, (err: unknown) => showError(err, 'newsroom.reloadSafe', restart));
  }, [onRestart, showError]);
  return (
    <NewsroomProvider onStoreChange={restart}>
      <CheckoutProvider>{children}</CheckoutProvider>
    </NewsroomProvider>
  );
}

type ShellProps = { prefs: Prefs; initialNotices: Notice[]; locale: Locale; onLocale: (l: Locale) => void };

function Shell({ prefs, initialNotices, locale, onLocale }: ShellProps) {
  const { t } = useI18n();
  const { showError, clearError, toast } = useFeedback();
  const [query, setQuery] = useState<StoryQuery>(prefs.query);
  const [view, setView] = useState<DeskView>(prefs.view);
  const [archiveId, setArchiveId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(prefs.openStoryId);
  const [focusOnOpen, setFocusOnOpen] = useState(false);
  const [notices, setNotices] = useState(initialNotices);
  const [about, setAbout] = useState(false);
  const [termsOpen, setTermsOpen] = useState(false);
  const [purgeTarget, setPurgeTarget] = useState<StorySummary | null>(null);
  const newsroom = useNewsroom();
  const checkout = useCheckout();
  const [checked, setChecked] = useState<Set<string>>(() => new Set());
  const needsServer = useNeedsServer();
  const list = useStoryList(query);
  const lock = useStoryLock(openId);
  const screenRef = useRef<StoryScreenHandle | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const openSeq = useRef(0);

  usePrefsSync({ locale, query, openStoryId: openId, view });

  const { error: listError, reload: reloadList } = list;
  // The list's failure stays shown until the list reads again; then it goes by itself.
  const listErrorShown = useRef<number | null>(null);
  useEffect(() => {
    if (listError) {
      listErrorShown.current = showError(listError, 'safe.nothingChanged', () => void reloadList());
    } else if (listErrorShown.current !== null) {
      clearError(listErrorShown.current);
      listErrorShown.current = null;
    }
  }, [listError, reloadList, showError, clearError]);

  const selected = openId ? (list.items.find((s) => s.id === openId) ?? null) : null;

  /** Opens a story after saving the one that is open (its draft is kept if that fails). */
  const openStory = useCallback(async (id: string | null, focus = false) => {
    const mine = ++openSeq.current;
    await screenRef.current?.flush();
    if (mine !== openSeq.current) return;
    setFocusOnOpen(focus);
    setOpenId(id);
  }, []);

  /** Leaves the open story saved (its draft kept if that fails) before another screen takes its place. */
  const showView = useCallback(async (next: DeskView) => {
    if (next !== 'stories') await screenRef.current?.flush();
    setView(next);
  }, []);

  /** From another screen: the stories screen with this story open. */
  const openOnStories = useCallback(
    (id: string) => {
      setView('stories');
      void openStory(id);
    },
    [openStory],
  );

  /** The archive screen with an archived story open (a duplicate finding's twin in the archive). */
  const openArchived = useCallback(
    (id: string) => {
      void showView('archive');
      setArchiveId(id);
    },
    [showView],
  );

  /** A finding's twin: another story of the desk, or a story in the archive (its id is no desk story id). */
  const openFromFinding = useCallback(
    (id: string) => (StoryIdSchema.safeParse(id).success ? void openStory(id) : openArchived(id)),
    [openStory, openArchived],
  );

  const neighbourOf = (id: string): string | null => {
    const index = list.items.findIndex((s) => s.id === id);
    const next = list.items[index + 1] ?? list.items[index - 1];
    return next && next.id !== id ? next.id : null;
  };

  /** Before the store behind the desk changes: the open story saved (false: its text stays in the editor). */
  const flushOpenStory = useCallback(async () => (await screenRef.current?.flush()) ?? true, []);

  const patchQuery = useCallback((patch: Partial<StoryQuery>) => setQuery((q) => ({ ...q, ...patch })), []);

  const newStory = async () => {
    try {
      await screenRef.current?.flush();
      const story = await desk['stories.create']({ page: query.page });
      if (query.trash) patchQuery({ trash: false });
      else await list.reload();
      await openStory(story.id, true);
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const duplicate = async () => {
    if (!selected) return;
    try {
      await screenRef.current?.flush();
      const copy = await desk['stories.duplicate']({ id: selected.id });
      await list.reload();
      await openStory(copy.id, true);
      toast(t('toast.duplicated'));
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const restore = async (summary: StorySummary, reopen: boolean) => {
    try {
      await desk['stories.restore']({ id: summary.id });
      if (reopen) {
        await list.reload();
        await openStory(summary.id);
      } else {
        const next = neighbourOf(summary.id);
        list.remove(summary.id);
        if (openId === summary.id) await openStory(next);
      }
      toast(t('toast.restored', { headline: summary.headline || t('list.untitled') }));
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const trash = async () => {
    const target = selected;
    if (!target) return;
    if (query.trash) {
      setPurgeTarget(target);
      return;
    }
    try {
      const next = neighbourOf(target.id);
      await screenRef.current?.flush();
      await desk['stories.trash']({ id: target.id });
      list.remove(target.id);
      await openStory(next);
      toast(t('toast.trashed', { headline: target.headline || t('list.untitled') }), {
        label: t('toast.undo'),
        run: () => void restore(target, true),
      });
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const purge = async (target: StorySummary) => {
    setPurgeTarget(null);
    try {
      const next = neighbourOf(target.id);
      await desk['stories.purge']({ id: target.id });
      list.remove(target.id);
      if (openId === target.id) await openStory(next);
      toast(t('toast.purged', { headline: target.headline || t('list.untitled') }));
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const dismissNotice = async (id: string) => {
    try {
      await desk['notices.dismiss']({ id });
      setNotices((list) => list.filter((n) => n.id !== id));
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  /** 带走编辑: the checked stories of the list, in the list's order, or else the open one. */
  const checkOut = () => {
    if (!checkout.online) return;
    const ids = checked.size > 0 ? list.items.filter((s) => checked.has(s.id)).map((s) => s.id) : [];
    const chosen = ids.length > 0 ? ids : openId ? [openId] : [];
    if (chosen.length > 0) checkout.askTake(chosen);
  };
  const headlineOf = (id: string) => list.items.find((s) => s.id === id)?.headline ?? '';

  const onSaved = useCallback((story: Story) => list.patch(summarize(story)), [list]);
  const onMissing = useCallback(
    (id: string) => {
      setOpenId((current) => (current === id ? null : current));
      void list.reload();
    },
    [list],
  );

  useShortcuts({
    newStory: () => {
      setView('stories');
      void newStory();
    },
    focusSearch: () => {
      if (view !== 'stories') return;
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    saveNow: () => void screenRef.current?.saveNow(),
    trashSelected: () => view === 'stories' && void trash(),
    showStories: () => void showView('stories'),
    showPages: () => needsServer === null && void showView('pages'),
    showArchive: () => void showView('archive'),
    openNewsroom: newsroom.openDialog,
    checkOut: () => view === 'stories' && checkOut(),
  });

  // Closing the window with an unsaved draft: try to save, and in a browser ask first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const dirty = screenRef.current?.isDirty() || unsavedDrafts.size > 0;
      if (!dirty) return;
      void screenRef.current?.flush();
      if (transport === 'http') event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  return (
    <div className="app">
      <Header
        view={view}
        onView={(v) => void showView(v)}
        onLocale={onLocale}
        onAbout={() => setAbout(true)}
        unavailable={needsServer ? { pages: needsServer } : undefined}
        tools={
          <>
            <NewsroomBadge />
            <ReviewQueueButton onOpen={(id) => void openStory(id)} />
            <UserSwitch />
            <button
              type="button"
              className="header-button"
              data-testid="terms-open"
              onClick={() => setTermsOpen(true)}
            >
              {t('terms.open')}
            </button>
          </>
        }
      />
      <NoticesBanner notices={notices} onDismiss={(id) => void dismissNotice(id)} />
      <NewsroomBanner />
      <UserPickerBanner />
      {view === 'pages' && <PagesView onOpenStory={openOnStories} />}
      {view === 'archive' && <ArchiveView openId={archiveId} />}
      <div className="workspace" hidden={view !== 'stories'}>
        <StoryList
          query={query}
          onQuery={patchQuery}
          items={list.items}
          total={list.total}
          loading={list.loading}
          selectedId={openId}
          onOpen={(id) => void openStory(id)}
          onNew={() => void newStory()}
          onDuplicate={() => void duplicate()}
          onTrash={() => void trash()}
          onRestore={() => selected && void restore(selected, false)}
          onPurge={() => selected && setPurgeTarget(selected)}
          onEnter={() => screenRef.current?.focusHeadline()}
          onImported={(ids) => void list.reload().then(() => openStory(ids[0] ?? null))}
          searchRef={searchRef}
          checked={checked}
          onChecked={setChecked}
          onCheckOut={checkOut}
        />
        {openId ? (
          <StoryScreen
            key={`${openId}:${lock.generation}`}
            storyId={openId}
            focusOnLoad={focusOnOpen}
            onSaved={onSaved}
            onMissing={onMissing}
            handleRef={screenRef}
            onOpenStory={openFromFinding}
            lock={lock}
          />
        ) : (
          <>
            <main className="story-main" aria-label={t('story.label')}>
              <div className="story-placeholder" data-testid="no-story">
                {t('story.none')}
              </div>
            </main>
            <aside className="story-side" />
          </>
        )}
      </div>
      {about && <AboutDialog onClose={() => setAbout(false)} />}
      {termsOpen && <TermBankDialog onClose={() => setTermsOpen(false)} />}
      {newsroom.dialogOpen && <NewsroomDialog beforeChange={flushOpenStory} />}
      {checkout.takeIds && (
        <TakeDialog ids={checkout.takeIds} headlineOf={headlineOf} onTaken={() => setChecked(new Set())} />
      )}
      {checkout.takeOverTarget && (
        <TakeOverDialog target={checkout.takeOverTarget} onTaken={(id) => void openStory(id)} />
      )}
      {purgeTarget && (
        <Dialog
          title={t('purge.title')}
          onClose={() => setPurgeTarget(null)}
          testId="purge-dialog"
          footer={
            <>
              <button type="button" data-testid="purge-cancel" autoFocus onClick={() => setPurgeTarget(null)}>
                {t('purge.cancel')}
              </button>
              <button
                type="button"
                className="danger solid"
                data-testid="purge-confirm"
                onClick={() => void purge(purgeTarget)}
              >
                {t('purge.confirm')}
              </button>
            </>
          }
        >
          <p>{t('purge.body', { headline: purgeTarget.headline || t('list.untitled') })}</p>
        </Dialog>
      )}
    </div>
  );
}
