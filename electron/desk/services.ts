/**
 * The desk services: the implementation of every contract method on top of the
 * store. The Electron IPC binding, the loopback host and the CLI all use this.
 */
import { hostname, userInfo } from 'node:os';

import { type AppInfo, type DeskHandlers, type Transport } from '../../shared/api';
import { contentOf, newStory, queryStories, type Story } from '../../shared/model';
import { seedDemoPage } from './demo';
import { newStoryId } from './ids';
import { regionIndex } from './regions';
import { ArchiveStore, archiveDirOf } from './archive/archive-store';
import { ArchiveSearch } from './archive/search-service';
import { DeskStore } from './storage/desk-store';
import { TermStore } from './terms/term-store';
import { lazyChromiumPdf } from './export/lazy-chromium-pdf';
import type { PdfRenderer } from './export/pdf-renderer';
import { pageService, type PageDeps, type PageHandlers } from './pages/page-handlers';
import { newsroomPageSource } from './pages/newsroom-source';
import { ownArchiveIds } from './pages/publish';
import { isEditor } from '../../shared/review/roles';
import { openReview, type ReviewServices } from './review/review-service';
import { importHandlers } from './import/import-handlers';
import { DeskEvents } from './desk-events';
import { NewsroomConnection, type ConnectionOptions } from './newsroom/connection';
import { localCheckoutHandlers } from './newsroom/handlers';
import { ArchiveSync } from './newsroom/archive-sync';

export type DeskServices = {
  handlers: DeskHandlers;
  store: DeskStore;
  /** Review, locks and the audit trail (issue 6): for other services to record exports and overrides. */
  review: ReviewServices;
  /** Lock, story and review changes, for the transports to push to every window (issue 19). */
  events: DeskEvents;
  /** The connection to the newsroom (issue 17): while signed in, `handlers` go to the server. */
  newsroom: NewsroomConnection;
  /** The desk's archive put to and pulled from the newsroom's while signed in (issue 17). */
  archiveSync: ArchiveSync;
  /** A stored photo's path; one on the newsroom that this desk lacks is fetched first (photo-cache.ts). */
  photoPath(file: string): Promise<string>;
  close(): Promise<void>;
};

export type OpenOptions = {
  dataDir: string;
  user?: string;
  transport: Transport;
  /** Seed the demo page when the data folder is brand new (default true). */
  demo?: boolean;
  /**
   * Renders the export's proof.pdf. electron/main passes one built on webContents.printToPDF;
   * without it, headless Chromium (playwright-core), kept between exports (lazy-chromium-pdf.ts).
   */
  renderPdf?: () => PdfRenderer | null;
  /** Opens a folder in the file manager (electron/main: shell.openPath); pages.openFolder validates the folder first. */
  openPath?: (folder: string) => Promise<string>;
  /** The newsroom connection's key scrypt parameters, backoff and timeout (tests); defaults otherwise. */
  newsroom?: Pick<ConnectionOptions, 'keyScrypt' | 'backoff' | 'timeoutMs' | 'ca'>;
};

export function defaultUser(): string {
  try {
    return userInfo().username || hostname();
  } catch {
    return 'desk';
  }
}

const VERSION = '0.1.0';

export async function openDeskServices(opts: OpenOptions): Promise<DeskServices> {
  const store = await DeskStore.open({ dataDir: opts.dataDir, user: opts.user ?? defaultUser() });
  if (store.isNew && opts.demo !== false) {
    try {
      await seedDemoPage(store, opts.dataDir, 'demo');
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  const events = new DeskEvents();
  const review = await openReview({
    store,
    events,
    dataDir: opts.dataDir,
    fallbackName: () => store.getPrefs().userName || opts.user || defaultUser(),
  }).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  const newsroom = await NewsroomConnection.open({
    ...opts.newsroom,
    dataDir: opts.dataDir,
    events,
    store,
  }).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  // The picked profile's name when someone is picked (issue 6), else the desk's user name as before.
  const who = review.who;
  const now = () => new Date().toISOString();
  let termStore: Promise<TermStore> | null = null;
  const terms = () =>
    (termStore ??= TermStore.open(opts.dataDir).catch((err: unknown) => {
      termStore = null;
      throw err;
    }));

  // The data folder's archive, opened on first use (a large archive loads in ~200 ms); while signed
  // in, what it archives goes to the newsroom and what other desks archived comes in (archive-sync.ts).
  let archive: Promise<ArchiveStore> | null = null;
  const archiveStore = (): Promise<ArchiveStore> =>
    (archive ??= ArchiveStore.open(archiveDirOf(opts.dataDir))
      .then(archiveSync.attach)
      .catch((err: unknown) => {
        archive = null;
        throw err;
      }));
  const archiveSync: ArchiveSync = await ArchiveSync.open({
    dataDir: opts.dataDir,
    archive: archiveStore,
    connection: newsroom.archiveLink,
    events,
  }).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });

  // Its full-text search, made once per opened archive; on close both write what is not on disk yet.
  let search: { of: ArchiveStore; search: ArchiveSearch } | null = null;
  const archiveSearch = async () => {
    const of = await archiveStore();
    if (search?.of !== of) search = { of, search: new ArchiveSearch(of) };
    return search.search;
  };

  const proofPdf = opts.renderPdf ? null : lazyChromiumPdf();
  const pageDeps: PageDeps = {
    store,
    dataDir: opts.dataDir,
    who,
    renderPdf: opts.renderPdf ?? (() => proofPdf),
    audit: review.audit,
    canOverride: () => isEditor(review.currentUser()),
    actorId: () => review.currentUser()?.id ?? who(),
    archive: archiveStore,
    sendToLayout: (id, baseRev) => review.handlers['review.act']({ id, action: 'layout', baseRev }),
    openPath: opts.openPath,
  };
  const pages = pageService(pageDeps);
  // Signed in (issue 17): the 版面 screen runs on this desk over the newsroom's stories and plans,
  // as the signed-in person; the package is written here and its record kept on the server's plan.
  const person = () => {
    const p = newsroom.status().person;
    return p ? { id: p.id, name: p.name, roles: p.roles, disabled: false } : null;
  };
  const pagesOnNewsroom = (remote: DeskHandlers): PageHandlers =>
    pageService({
      ...pageDeps,
      source: newsroomPageSource(remote),
      who: () => person()?.name ?? who(),
      canOverride: () => isEditor(person()),
      actorId: () => person()?.id ?? who(),
      sendToLayout: (id, baseRev) => remote['review.act']({ id, action: 'layout', baseRev }),
      bringPhoto: (file) => newsroom.photos.photoFile(file),
    }).handlers;

  // A new story is told to every window, so lists elsewhere show it at once (issue 19).
  const announced = (story: Story): Story => {
    events.emit({ type: 'story', storyId: story.id, revision: story.rev, status: story.status, at: now() });
    return story;
  };

  const local: DeskHandlers = {
    'app.info': async () =>
      ({
        name: '党建采编台',
        version: VERSION,
        dataDir: opts.dataDir,
        transport: opts.transport,
        storyCount: store.list().filter((s) => s.deletedAt === null).length,
        pid: process.pid,
        locale: store.getPrefs().locale,
      }) satisfies AppInfo,
    'notices.list': async () => store.notices(),
    'notices.dismiss': async ({ id }) => store.dismissNotice(id),
    'prefs.get': async () => store.getPrefs(),
    'prefs.set': async ({ patch }) => store.setPrefs(patch),
    'stories.list': async (query) => {
      const items = queryStories(store.list(), query);
      return { total: items.length, items };
    },
    'stories.get': async ({ id }) => store.get(id),
    // A window where nobody is chosen creates nothing (issue 19): never a story in the OS account's name.
    'stories.create': async ({ page }) => {
      review.requireWriter();
      return announced(
        await store.create({
          ...newStory(newStoryId(), now(), who(), { page: page ?? null }),
          createdBy: review.currentUser()?.id ?? who(),
        }),
      );
    },
    // Refused when another session holds the lock; an editor's change to a signed story clears signatures (issue 6).
    'stories.save': async ({ id, baseRev, content }) => review.save(id, baseRev, content),
    'stories.duplicate': async ({ id }) => {
      review.requireWriter();
      const source = await store.get(id);
      const copy = newStory(newStoryId(), now(), who(), {
        ...source,
        headline: source.headline ? `${source.headline}（副本）` : '',
        slot: null,
      });
      return announced(await store.create(copy));
    },
    'stories.trash': async ({ id }) => store.setDeleted(id, now()),
    'stories.restore': async ({ id }) => store.setDeleted(id, null),
    'stories.purge': async ({ id }) => store.purge(id),
    'regions.search': async ({ query, limit }) => (await regionIndex()).search(query, limit ?? 20),
    'regions.info': async () => (await regionIndex()).info,
    'terms.get': async () => (await terms()).get(),
    'terms.save': async (input) => (await terms()).save(input, who()),
    'checks.pageContext': async ({ id }) => {
      const story = await store.get(id);
      const others = story.page
        ? store.list().filter((s) => s.page === story.page && s.deletedAt === null && s.id !== id)
        : [];
      const stories = await Promise.all(
        others.map(async (s) => ({ key: s.id, content: contentOf(await store.get(s.id)) })),
      );
      return { page: story.page, stories, user: who() };
    },
    'checks.archive': async ({ id, content }) => {
      const archived = await archiveStore();
      if (archived.index.storyCount === 0) return [];
      const excludeIds = id ? [id, ...ownArchiveIds(archived, id)] : [];
      return archived.checkAgainstArchive({ key: id ?? 'draft', content }, { excludeIds });
    },
    'photos.import': async ({ name, data }) => store.importPhoto(name, Buffer.from(data, 'base64')),
    ...newsroom.photos.localHandlers(),
    ...pages.handlers,
    // Every export (and override) recorded on the page's and each story's audit trail (issue 6).
    'pages.export': review.auditExports(pages.handlers['pages.export'], (name, date) =>
      pages.pages.get(name, date),
    ),
    ...review.handlers,
    ...importHandlers({ store, archive: archiveSearch, who, requireWriter: () => review.requireWriter() }),
    ...localCheckoutHandlers(),
    ...archiveSync.handlers(),
    ...newsroom.handlers(),
  };
  // One object for every transport: the desk's own handlers, or the newsroom's while signed in.
  const handlers = newsroom.route(local, pagesOnNewsroom);

  return {
    handlers,
    store,
    review,
    events,
    newsroom,
    archiveSync,
    photoPath: (file) => newsroom.photos.photoFile(file),
    close: async () => {
      await archiveSync.close();
      await newsroom.close();
      await proofPdf?.close();
      // The archive's index.bin and search.bin catch up (else the next start re-indexes the tail).
      const opened = await archive?.catch(() => null);
      if (search && search.of === opened) await search.search.flush();
      else await opened?.flush();
      await store.close();
    },
  };
}
