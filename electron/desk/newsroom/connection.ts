/**
 * The desktop's connection to the newsroom (issue 17, ADR 012), in the desk process: which store
 * the desk works on, the session (token in memory only), the person's unlocked signing key, the
 * relay of the server's events onto the desk's event bus, and the outbox of saves that did not
 * reach the server (pending-saves.ts).
 *
 * `route(local)` is the handler set every transport keeps using: while someone is signed in each
 * contract method goes to the server, except what stays on this desktop (LOCAL_METHODS); signed
 * out (or never connected) it is the desk's own handlers, exactly as before.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import {
  DESK_METHODS,
  DeskError,
  type DeskHandlers,
  type DeskMethod,
  type DeskParsedInput,
  type NewsroomState,
  type NewsroomStatus,
} from '../../../shared/api';
import {
  CHECKOUT_MAX_STORIES,
  type CheckInReport,
  type CheckoutList,
  type CheckoutTaken,
} from '../../../shared/api/checkout-contract';
import { contentOf, queryStories, type Story, type StoryContent } from '../../../shared/model';
import type { SignoffChallenge } from '../../../shared/review/review-contract';
import type { UserProfile } from '../../../shared/review/roles';
import type { ScryptParams } from '../../server/accounts/passwords';
import {
  SigningKeyFile,
  signChallenge,
  signKeyRegistration,
  type UnlockedKey,
} from '../../server/keys/person-key';
import { keyFingerprint } from '../../server/keys/signoff';
import { contentAt } from '../review/review-service';
import type { DeskStore } from '../storage/desk-store';
import { fsyncDir } from '../storage/durable-file';
import type { DeskEvents } from '../desk-events';
import { didNotReach, NewsroomClient, sessionEnded } from './client';
import { AwayStories, offline, type Who } from './away';
import {
  LastPersonSchema,
  newDeskName,
  readNewsroomConfig,
  removeNewsroomConfig,
  writeNewsroomConfig,
  type NewsroomConfig,
} from './config';
import { opStoryId, Outbox } from './outbox';
import { LOCAL_STATUS, notConnected } from './handlers';
import { PendingSaves } from './pending-saves';
import { PhotoCache } from './photo-cache';
import type { SyncConnection } from './archive-sync';

/** What a connected desk still answers itself: its own settings, data sets, archive and the connection. */
export const LOCAL_METHODS: ReadonlySet<DeskMethod> = new Set(
  DESK_METHODS.filter(
    (m) =>
      m === 'app.info' ||
      m === 'checks.archive' ||
      /^(notices|prefs|regions|terms|archive|newsroom)\./.test(m),
  ),
);

export type Backoff = { firstMs: number; maxMs: number };
const DEFAULT_BACKOFF: Backoff = { firstMs: 1000, maxMs: 15_000 };

export type ConnectionOptions = {
  dataDir: string;
  events: DeskEvents;
  /** The desk's own store: the copies of the stories held away (check-out, drafts written offline) live in it. */
  store: DeskStore;
  /** scrypt parameters of new signing key files (default: person-key.ts's). */
  keyScrypt?: ScryptParams;
  /** Delays between tries to reach the server again and to reopen the event socket. */
  backoff?: Backoff;
  /** How long a request may take (default client.ts's REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
  /**
   * A certificate authority (PEM) the desk trusts for the newsroom besides the system's (an
   * office's own CA); default: the file named by DESK_NEWSROOM_CA, if set.
   */
  ca?: string;
};

type SignedInPerson = UserProfile & { login: string };
type HeldKey = { unlocked: UnlockedKey; file: string };

/** How many stories' served content the desk remembers for signing. */
const SERVED_KEPT = 200;
const PERSON_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** While a one-time password waits to be replaced, the desk stays on its own store: nothing goes to the server. */
const REMOTE_STATES: ReadonlySet<NewsroomState> = new Set(['connected', 'unreachable']);

function saveKept(id: string, server: string): DeskError {
  return new DeskError(
    'internal',
    'error.newsroomSaveKept',
    { id, server },
    `The save of story ${id} did not reach the newsroom (${server}); it is kept on this computer and sent when the newsroom answers again.`,
  );
}

function heldAway(method: string): DeskError {
  return new DeskError(
    'unsupported',
    'error.storyHeldAway',
    { method },
    `${method}: this story is checked out to this desk; check it in first. Nothing was changed.`,
  );
}

function personIsAccount(method: string): DeskError {
  return new DeskError(
    'unsupported',
    'error.newsroomPersonIsAccount',
    { method },
    `${method}: on a desk signed in to the newsroom the person is the account; sign out to pick a profile. Nothing was changed.`,
  );
}

const isStory = (v: unknown): v is Story =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Story).id === 'string' &&
  typeof (v as Story).rev === 'number' &&
  typeof (v as Story).body === 'object';

export class NewsroomConnection {
  readonly #o: ConnectionOptions;
  readonly #backoff: Backoff;
  readonly pending: PendingSaves;
  /** The stories held away on this desk and the outbox of their changes (issue 18). */
  readonly away: AwayStories;
  /** The newsroom's photos in the desk's folder (photo-cache.ts). */
  readonly photos: PhotoCache;
  #config: NewsroomConfig | null;
  #client: NewsroomClient | null = null;
  #state: NewsroomState;
  #person: SignedInPerson | null = null;
  #expiresAt: string | null = null;
  #unreachableSince: string | null = null;
  #key: HeldKey | null = null;
  /** The content this desk last served for each story (what the person read), for signing. */
  readonly #served = new Map<string, { rev: number; content: StoryContent }>();
  #stopEvents: (() => void) | null = null;
  /** The last event seq this session's socket passed on: a reopened socket asks for what came after it. */
  #lastSeq: number | null = null;
  #eventTries = 0;
  #eventTimer: NodeJS.Timeout | null = null;
  #probeTimer: NodeJS.Timeout | null = null;
  #probeTries = 0;
  #flushing: Promise<void> | null = null;
  #flushTimer: NodeJS.Timeout | null = null;
  #flushTries = 0;
  #closed = false;
  #checkingIn: Promise<CheckInReport> | null = null;
  #checkInTimer: NodeJS.Timeout | null = null;
  #checkInTries = 0;
  /**
   * Opened offline (issue 18): restarted while the newsroom did not answer, the desk works for the
   * person who last signed in here, with no session and the signing key locked.
   */
  #offline = false;
  /** The kept connection's writes, one after the other. */
  #configWrites: Promise<void> = Promise.resolve();

  private constructor(
    o: ConnectionOptions,
    config: NewsroomConfig | null,
    pending: PendingSaves,
    away: AwayStories,
  ) {
    this.#o = o;
    this.#backoff = o.backoff ?? DEFAULT_BACKOFF;
    this.#config = config;
    this.pending = pending;
    this.away = away;
    this.photos = new PhotoCache(o.store, () =>
      this.#state === 'connected' ? { call: (m, i) => this.#call(m, i), photo: (f) => this.#photo(f) } : null,
    );
    this.#state = config ? 'signedOut' : 'local';
    if (config) this.#client = new NewsroomClient(config.server, { timeoutMs: o.timeoutMs, ca: o.ca });
  }

  static async open(o: ConnectionOptions): Promise<NewsroomConnection> {
    const caFile = process.env.DESK_NEWSROOM_CA;
    const ca = o.ca ?? (caFile ? await readFile(caFile, 'utf8') : undefined);
    const [read, pending, outbox] = await Promise.all([
      readNewsroomConfig(o.dataDir),
      PendingSaves.open(o.dataDir),
      Outbox.open(o.dataDir),
    ]);
    let config = read;
    // A connection kept before desks had names: this data folder gets its name now, once.
    if (config && !config.desk) {
      config = { ...config, desk: newDeskName() };
      await writeNewsroomConfig(o.dataDir, config);
    }
    const away = await AwayStories.open(o.dataDir, o.store, outbox);
    const connection = new NewsroomConnection({ ...o, ca }, config, pending, away);
    connection.#probeAtStart();
    return connection;
  }

  get state(): NewsroomState {
    return this.#state;
  }

  /** True while the contract's methods go to the server. */
  get remote(): boolean {
    return REMOTE_STATES.has(this.#state);
  }

  status(): NewsroomStatus {
    if (!this.#config) return { ...LOCAL_STATUS, pending: this.pending.list() };
    const p = this.#person;
    return {
      desk: this.#config.desk ?? null,
      ...this.away.status(this.#who()),
      state: this.#state,
      server: this.#config.server,
      lastLogin: this.#config.lastLogin,
      person: p ? { id: p.id, login: p.login, name: p.name, roles: p.roles } : null,
      expiresAt: this.#expiresAt,
      unreachableSince: this.#unreachableSince,
      pending: this.pending.list(),
      key: this.#key
        ? { fingerprint: keyFingerprint(this.#key.unlocked.publicKey), file: this.#key.file }
        : null,
      openedOffline: this.#offline,
    };
  }

  /** For archive-sync.ts: who is signed in, whether the server answers, and calls through the session. */
  readonly archiveLink: SyncConnection = {
    who: () => this.#who(),
    connected: () => this.#state === 'connected',
    call: (method, input) => this.#call(method, input),
  };

  /** The newsroom.* methods of the contract. */
  handlers(): Pick<
    DeskHandlers,
    | 'newsroom.status'
    | 'newsroom.connect'
    | 'newsroom.signIn'
    | 'newsroom.changePassword'
    | 'newsroom.signOut'
    | 'newsroom.disconnect'
  > {
    return {
      'newsroom.status': async () => this.status(),
      'newsroom.connect': ({ server }) => this.connect(server),
      'newsroom.signIn': ({ login, password }) => this.signIn(login, password),
      'newsroom.changePassword': ({ current, next }) => this.changePassword(current, next),
      'newsroom.signOut': () => this.signOut(),
      'newsroom.disconnect': () => this.disconnect(),
    };
  }

  /**
   * The handler set the transports call: one object whose methods look at the state on each
   * call, so a sign-in or sign-out switches the store behind every window without a transport
   * noticing. `onDesk`: methods that, signed in, run on this desk over the server's handlers (pages.*).
   */
  route(local: DeskHandlers, onDesk?: (remote: DeskHandlers) => Partial<DeskHandlers>): DeskHandlers {
    const remote = this.#remoteHandlers();
    const desk: Partial<DeskHandlers> = onDesk?.(remote) ?? {};
    const own = this.handlers();
    const out: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const method of DESK_METHODS) {
      const mine = (own as Record<string, ((input: unknown) => Promise<unknown>) | undefined>)[method];
      const here = mine ?? (local[method] as (input: unknown) => Promise<unknown>);
      const there = (desk[method] ?? remote[method]) as (input: unknown) => Promise<unknown>;
      const away = this.#awayHandler(method, local);
      out[method] = (input) => {
        if (!this.remote || LOCAL_METHODS.has(method)) return here(input);
        return away ? away(input, there) : there(input);
      };
    }
    return out as DeskHandlers;
  }

  // ---- connecting and signing in -------------------------------------------------------------

  async connect(server: string): Promise<NewsroomStatus> {
    const client = new NewsroomClient(server, { timeoutMs: this.#o.timeoutMs, ca: this.#o.ca });
    try {
      await client.probe();
    } catch (err) {
      client.close();
      throw err;
    }
    if (this.#client?.signedIn || this.#offline) await this.signOut();
    this.#client?.close();
    this.#client = client;
    const same = this.#config?.server === client.server;
    this.#config = {
      version: 1,
      server: client.server,
      lastLogin: same ? (this.#config?.lastLogin ?? null) : null,
      staleKeys: same ? (this.#config?.staleKeys ?? []) : [],
      // The desk keeps its name across newsrooms: it is this computer (this data folder).
      desk: this.#config?.desk ?? newDeskName(),
      ...(same && this.#config?.lastPerson ? { lastPerson: this.#config.lastPerson } : {}),
    };
    await this.#writeConfig();
    this.#setState('signedOut', true);
    return this.status();
  }

  async signIn(login: string, password: string): Promise<NewsroomStatus> {
    const client = this.#client;
    if (!client || !this.#config) throw notConnected('newsroom.signIn');
    if (client.signedIn) await this.signOut();
    let answer: Awaited<ReturnType<NewsroomClient['signIn']>>;
    try {
      answer = await client.signIn(login, password);
    } catch (err) {
      // The newsroom does not answer: the person who last signed in here works offline meanwhile.
      if (didNotReach(err)) {
        if (this.#config?.lastPerson?.login === login) this.#openOffline();
      } else if (this.#offline) this.#offlineAnswered();
      throw err;
    }
    if (this.#offline) {
      this.#offline = false;
      this.#clearTimers();
    }
    this.#person = { ...answer.person, login };
    this.#expiresAt = answer.expiresAt;
    this.#config = { ...this.#config, lastLogin: login };
    try {
      await this.#writeConfig();
      if (answer.mustChangePassword) {
        this.#setState('passwordChange', true);
        return this.status();
      }
      this.#key = await this.#unlockKey(answer.person.id, password, null);
    } catch (err) {
      await this.#endSession();
      throw err;
    }
    await this.#signedIn();
    return this.status();
  }

  async changePassword(current: string, next: string): Promise<NewsroomStatus> {
    const client = this.#client;
    const person = this.#person;
    if (!client?.signedIn || !person) throw notConnected('newsroom.changePassword');
    await this.#tracked(() => client.changePassword(current, next));
    const me = await this.#tracked(() => client.me());
    this.#expiresAt = me.expiresAt;
    const wasConnected = this.#state === 'connected';
    this.#key = await this.#unlockKey(person.id, next, current);
    await this.#signedIn();
    // The key may be new: the windows re-read the status even when the state stays connected.
    if (wasConnected) this.#emitNewsroom();
    return this.status();
  }

  /** Signs out; the desk no longer opens offline for the person (they said they are done here). */
  async signOut(): Promise<NewsroomStatus> {
    if (!this.#config) return this.status();
    await this.#endSession(true);
    if (this.#config.lastPerson) {
      this.#config = { ...this.#config, lastPerson: null };
      await this.#writeConfig();
    }
    return this.status();
  }

  async disconnect(): Promise<NewsroomStatus> {
    if (!this.#config) return this.status();
    await this.#endSession(true);
    await this.#configWrites;
    await removeNewsroomConfig(this.#o.dataDir);
    this.#client?.close();
    this.#client = null;
    this.#config = null;
    this.#setState('local', true);
    return this.status();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#clearTimers();
    this.#stopEvents?.();
    this.#stopEvents = null;
    const client = this.#client;
    // The session is useless after a restart (the token is in memory only): end it, without waiting long.
    if (client?.signedIn)
      await Promise.race([
        client.signOut().catch(() => undefined),
        new Promise((r) => setTimeout(r, 2000).unref()),
      ]);
    client?.close();
  }

  /**
   * After a sign-in with a password of the person's own: the state, the event socket (its first
   * try awaited, so nothing pushed after the sign-in answered is missed), the kept saves.
   */
  async #signedIn() {
    this.#unreachableSince = null;
    this.#probeTries = 0;
    // Who may work offline on this desk after a restart: the person, never their password or token.
    const p = this.#person;
    const last = p
      ? LastPersonSchema.safeParse({ id: p.id, login: p.login, name: p.name, roles: p.roles })
      : null;
    if (this.#config && last?.success) {
      this.#config = { ...this.#config, lastPerson: last.data, offlineSince: null };
      await this.#writeConfig();
    }
    this.#setState('connected', true);
    await this.#openEvents();
    await this.#resumeCheckouts().catch((err: unknown) => {
      if (!didNotReach(err) && !sessionEnded(err))
        console.warn('[desk] reading the check-outs of this desk failed:', err);
    });
    this.#flush();
    this.#autoCheckIn();
  }

  /**
   * Check-outs to this person on this desk that the desk does not name (cut off between the
   * newsroom's answer to checkout.take and the record's write): taken again, so their copies are
   * the newsroom's and named. One with changes of it waiting in the outbox is left as it is.
   */
  async #resumeCheckouts(): Promise<void> {
    const who = this.#who();
    if (!who || this.#state !== 'connected') return;
    const list = await this.#call<CheckoutList>('checkout.list', { desk: who.desk });
    const waiting = new Set(this.away.outbox.entries(who).map((e) => opStoryId(e.op)));
    const lost = list.items
      .filter((i) => i.mine && !this.away.has(who, i.storyId) && !waiting.has(i.storyId))
      .map((i) => i.storyId);
    if (lost.length > 0) await this.#take({ ids: lost.slice(0, CHECKOUT_MAX_STORIES), desk: who.desk });
  }

  async #endSession(remote = true) {
    this.#clearTimers();
    this.#stopEvents?.();
    this.#stopEvents = null;
    const client = this.#client;
    if (remote && client?.signedIn) await client.signOut().catch(() => undefined);
    client?.forget();
    this.#person = null;
    this.#expiresAt = null;
    this.#key = null;
    this.#offline = false;
    this.#unreachableSince = null;
    this.#lastSeq = null;
    this.#served.clear();
    void this.#keepOfflineSince();
    if (this.#config) this.#setState('signedOut', true);
  }

  /** Writes the kept connection as it is now; writes go one after the other, the last one stays. */
  #writeConfig(): Promise<void> {
    const run = this.#configWrites.then(() =>
      this.#config ? writeNewsroomConfig(this.#o.dataDir, this.#config) : undefined,
    );
    this.#configWrites = run.catch(() => undefined);
    return run;
  }

  /** Keeps since when the newsroom has not answered in newsroom.json, so a restart still says it. */
  #keepOfflineSince(): Promise<void> {
    const c = this.#config;
    if (!c || (c.offlineSince ?? null) === this.#unreachableSince) return Promise.resolve();
    this.#config = { ...c, offlineSince: this.#unreachableSince };
    return this.#writeConfig().catch((err: unknown) =>
      console.warn('[desk] could not keep since when the newsroom has not answered:', err),
    );
  }

  // ---- opened offline: a restart while the newsroom does not answer (issue 18) -------------------

  /** At start: a desk someone signed in on opens offline for them when the newsroom does not answer. */
  #probeAtStart() {
    const client = this.#client;
    if (!client || !this.#config?.lastPerson) return;
    client.probe().then(
      () => undefined,
      (err: unknown) => {
        if (didNotReach(err)) this.#openOffline();
      },
    );
  }

  /**
   * Works offline for the person who last signed in here: the stories they hold away and the
   * drafts they write, as before; no session and the signing key locked (whatever needs the
   * newsroom says so). Tries the newsroom with backoff; when it answers, the person signs in.
   */
  #openOffline() {
    const last = this.#config?.lastPerson;
    if (!last || this.#closed || this.#client?.signedIn || this.#state !== 'signedOut') return;
    this.#offline = true;
    this.#person = { ...last, disabled: false };
    this.#expiresAt = null;
    this.#key = null;
    this.#unreachableSince = this.#config?.offlineSince ?? new Date().toISOString();
    this.#probeTries = 0;
    void this.#keepOfflineSince();
    this.#setState('unreachable', true);
    this.#scheduleProbe();
  }

  /** The newsroom answers a desk opened offline: the person signs in (the outbox goes up then). */
  #offlineAnswered() {
    if (!this.#offline || this.#closed) return;
    this.#offline = false;
    this.#person = null;
    this.#unreachableSince = null;
    this.#probeTries = 0;
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    this.#probeTimer = null;
    void this.#keepOfflineSince();
    this.#setState('signedOut', true);
  }

  /**
   * The person's signing key on this desk, `<dataDir>/keys/<personId>.json`: unlocked with the
   * password (or, after a password change, re-encrypted from `previous` to it), made the first
   * time, and registered with the server. A key the password does not unlock (an administrator
   * reset the password) is kept aside and a new one made and registered: the old one stays valid
   * on the server for the signatures it made.
   */
  async #unlockKey(personId: string, password: string, previous: string | null): Promise<HeldKey> {
    if (!PERSON_FILE.test(personId))
      throw new DeskError(
        'invalid-input',
        'error.invalidInput',
        { method: 'newsroom.signIn', issues: 'person id' },
        `The newsroom named a person id this desk cannot keep a key file for (${personId}).`,
      );
    const path = join(this.#o.dataDir, 'keys', `${personId}.json`);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const file = new SigningKeyFile(path, this.#o.keyScrypt);
    let unlocked: UnlockedKey | null = null;
    if (await file.exists()) {
      try {
        // Signed in with the old password: the same key pair, encrypted under the new one.
        if (previous !== null) await file.changePassword(previous, password);
        unlocked = await file.unlock(password);
        if (this.#config?.staleKeys.includes(keyFingerprint(unlocked.publicKey))) {
          await this.#retire(path, 'replaced');
          unlocked = null;
        }
      } catch (err) {
        if (
          !(err instanceof DeskError) ||
          (err.key !== 'error.keyPassword' && err.key !== 'error.keyDamaged')
        )
          throw err;
        await this.#retire(path, err.key === 'error.keyDamaged' ? 'damaged' : 'retired');
        unlocked = null;
      }
    }
    unlocked ??= await file.create(password);
    const client = this.#client!;
    try {
      await this.#tracked(() =>
        client.call('keys.register', {
          publicKey: unlocked.publicKey,
          proof: signKeyRegistration(unlocked, personId),
        }),
      );
    } catch (err) {
      // Registered by an earlier sign-in on this desk: it is the person's key on the server.
      if (!(err instanceof DeskError && err.key === 'error.keyRegistered')) throw err;
    }
    return { unlocked, file: path };
  }

  /** Moves a key file that can no longer sign aside (never deleted: nothing is lost). */
  async #retire(path: string, why: 'retired' | 'damaged' | 'replaced') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await rename(path, path.replace(/\.json$/, `.${why}-${stamp}.json`));
    await fsyncDir(dirname(path));
    const reason = {
      retired: "does not unlock with the account's password",
      damaged: 'is damaged',
      replaced: 'is no longer taken by the newsroom',
    }[why];
    console.warn(`[desk] the signing key ${path} ${reason}: kept aside, a new key is made`);
  }

  // ---- the remote handler set -------------------------------------------------------------------

  #remoteHandlers(): DeskHandlers {
    const out: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const method of DESK_METHODS) out[method] = (input) => this.#call(method, input);
    const handlers = out as DeskHandlers;
    handlers['stories.save'] = (input) => this.#save(input);
    handlers['review.act'] = (input) => this.#act(input);
    handlers['users.list'] = async (input) => {
      try {
        return await this.#call<Awaited<ReturnType<DeskHandlers['users.list']>>>('users.list', input);
      } catch (err) {
        if (!(err instanceof DeskError && err.key === 'error.notOnServer') || !this.#person) throw err;
        const { login: _login, ...me } = this.#person;
        return { users: [me], current: me };
      }
    };
    handlers['users.save'] = () => Promise.reject(personIsAccount('users.save'));
    handlers['session.setUser'] = () => Promise.reject(personIsAccount('session.setUser'));
    return handlers;
  }

  #photo(file: string): Promise<Buffer | null> {
    const client = this.#client;
    return client?.signedIn ? this.#tracked(() => client.photo(file)) : Promise.resolve(null);
  }

  /** One call to the server; what it says about the connection moves the state. */
  async #call<T = unknown>(method: string, input: unknown): Promise<T> {
    const client = this.#client;
    if (!client?.signedIn) throw notConnected(method);
    const result = await this.#tracked(() => client.call<T>(method, input));
    this.#remember(result);
    return result;
  }

  /** Runs a request; a server that does not answer makes the state unreachable, an ended session signedOut. */
  async #tracked<T>(task: () => Promise<T>): Promise<T> {
    try {
      const result = await task();
      this.#reached();
      return result;
    } catch (err) {
      if (didNotReach(err)) this.#lost();
      else if (sessionEnded(err)) await this.#endSession(false);
      else this.#reached();
      throw err;
    }
  }

  #remember(result: unknown) {
    if (!isStory(result)) return;
    // Most recently served last; the oldest forgotten past SERVED_KEPT (signing then reads the story again).
    this.#served.delete(result.id);
    this.#served.set(result.id, { rev: result.rev, content: contentOf(result) });
    if (this.#served.size > SERVED_KEPT) this.#served.delete(this.#served.keys().next().value!);
  }

  async #save({ id, baseRev, content }: DeskParsedInput<'stories.save'>): Promise<Story> {
    return this.pending.serial(id, async () => {
      const after = this.pending.continuation(id, baseRev, content);
      if (after?.same) {
        this.#remember(after.story);
        return after.story;
      }
      const rev = after ? after.baseRev : baseRev;
      const person = this.#person;
      const server = this.#config?.server ?? '';
      try {
        const saved = await this.#call<Story>('stories.save', { id, baseRev: rev, content });
        this.pending.settle(id);
        if (this.pending.get(id)) {
          await this.pending.drop(id);
          this.#emitNewsroom();
        }
        return saved;
      } catch (err) {
        if (!person || (!didNotReach(err) && !sessionEnded(err))) throw err;
        await this.pending.keep({
          id,
          baseRev: rev,
          content,
          at: new Date().toISOString(),
          personId: person.id,
          server,
        });
        this.#emitNewsroom();
        throw saveKept(id, server);
      }
    });
  }

  /**
   * review.act: a sign-off or a return is signed on this desk with the person's key, over the
   * content this desk served for that revision (what the person read): challenge, sign, act.
   */
  async #act(input: DeskParsedInput<'review.act'>): Promise<Story> {
    if ((input.action !== 'sign' && input.action !== 'return') || input.signoff)
      return this.#call<Story>('review.act', input);
    const key = this.#key;
    if (!key)
      throw new DeskError(
        'not-found',
        'error.keyMissing',
        {},
        'This desk holds no unlocked signing key for the person; sign in again. Nothing was signed.',
      );
    let shown = this.#served.get(input.id);
    if (shown?.rev !== input.baseRev) {
      const story = await this.#call<Story>('stories.get', { id: input.id });
      shown = { rev: story.rev, content: contentOf(story) };
    }
    try {
      const challenge = await this.#call<SignoffChallenge>('review.challenge', {
        id: input.id,
        action: input.action,
        baseRev: input.baseRev,
      });
      const signature = signChallenge(key.unlocked, challenge.text, {
        storyId: input.id,
        revision: input.baseRev,
        content: shown.content,
      });
      return await this.#call<Story>('review.act', {
        ...input,
        signoff: { nonce: challenge.nonce, signature },
      });
    } catch (err) {
      if (
        err instanceof DeskError &&
        (err.key === 'review.refused.noKey' || err.key === 'review.refused.badSignature')
      )
        throw await this.#keyNotTaken(key);
      throw err;
    }
  }

  /**
   * The newsroom does not take this desk's key (the person registered another one, on another
   * computer): remembered, so the next sign-in makes and registers a new key; nothing was signed.
   */
  async #keyNotTaken(key: HeldKey): Promise<DeskError> {
    const fingerprint = keyFingerprint(key.unlocked.publicKey);
    if (this.#config && !this.#config.staleKeys.includes(fingerprint)) {
      this.#config = { ...this.#config, staleKeys: [...this.#config.staleKeys, fingerprint].slice(-100) };
      await this.#writeConfig();
    }
    if (this.#key === key) this.#key = null;
    this.#emitNewsroom();
    return new DeskError(
      'conflict',
      'error.newsroomKeyReplaced',
      { fingerprint },
      `The newsroom no longer takes this computer's signing key ${fingerprint} (another key was registered for the person, on another computer); nothing was signed. Sign in again: this desk makes and registers a new key.`,
    );
  }

  // ---- check-out: the stories held away on this desk (issue 18, ADR 013) --------------------------

  /** The signed-in person on this desk: whose stories are held away here. */
  #who(): Who | null {
    const p = this.#person;
    const c = this.#config;
    if (!p || !c?.desk || !REMOTE_STATES.has(this.#state)) return null;
    return { personId: p.id, name: p.name, server: c.server, desk: c.desk };
  }

  /**
   * What a method does while signed in, when it is not simply the server's: a story held away on
   * this desk is read, saved, checked and its history shown from the desk's store, in any state;
   * while the newsroom does not answer, the list is the stories held here, a new story is a draft
   * written here, and whatever needs the newsroom says it is unavailable offline.
   */
  #awayHandler(
    method: DeskMethod,
    local: DeskHandlers,
  ): ((input: unknown, there: (input: unknown) => Promise<unknown>) => Promise<unknown>) | null {
    const mine = local[method] as (input: unknown) => Promise<unknown>;
    const held = (input: unknown): Who | null => {
      const who = this.#who();
      const id = (input as { id?: unknown } | null)?.id;
      return who && typeof id === 'string' && this.away.has(who, id) ? who : null;
    };
    const offlineOr = (input: unknown, there: (input: unknown) => Promise<unknown>) =>
      this.#state === 'unreachable' ? Promise.reject(offline(method, this.#unreachableSince)) : there(input);
    switch (method) {
      case 'checkout.take':
        return (input) => this.#take(input as DeskParsedInput<'checkout.take'>);
      case 'checkout.checkIn':
        return (input, there) => {
          const i = input as DeskParsedInput<'checkout.checkIn'>;
          // Operations from the caller go as they are (under this desk's name); none: the desk's outbox.
          if (i.ops.length > 0)
            return this.photos
              .upload(i.ops)
              .then(() => offlineOr({ ...i, desk: this.#config?.desk ?? i.desk }, there));
          return this.checkIn({ release: i.release, keep: i.keep });
        };
      case 'photos.import':
        return (input, there) =>
          this.photos.imported(
            input as DeskParsedInput<'photos.import'>,
            mine,
            this.#state === 'unreachable' ? null : there,
          );
      case 'stories.list':
        return (input, there) => (this.#state === 'unreachable' ? this.#awayList(input) : there(input));
      case 'stories.create':
        return (input, there) => {
          const who = this.#who();
          if (this.#state !== 'unreachable' || !who) return there(input);
          const page = (input as DeskParsedInput<'stories.create'>).page ?? null;
          return this.away.create(who, page).then((story) => this.#told(story));
        };
      case 'stories.save':
        return (input, there) => {
          const who = held(input);
          if (!who) return there(input);
          const { id, baseRev, content } = input as DeskParsedInput<'stories.save'>;
          return this.away.save(who, id, baseRev, content).then((saved) => this.#told(saved));
        };
      case 'history.restore':
        return async (input, there) => {
          const who = held(input);
          if (!who) return offlineOr(input, there);
          const { id, rev, baseRev } = input as DeskParsedInput<'history.restore'>;
          const story = await this.#o.store.get(id);
          return this.away
            .save(who, id, baseRev ?? story.rev, contentAt(story, rev))
            .then((saved) => this.#told(saved));
        };
      case 'stories.get':
      case 'history.list':
      case 'history.diff':
      case 'checks.pageContext':
        return (input, there) => (held(input) ? mine(input) : offlineOr(input, there));
      case 'locks.view':
      case 'locks.acquire':
      case 'locks.renew':
        return async (input, there) => {
          const who = held(input);
          return who ? this.away.lock(who, (input as { id: string }).id) : offlineOr(input, there);
        };
      case 'locks.release':
        // Closing a story held away is not a check-in: it stays checked out to this desk.
        return async (input, there) => (held(input) ? undefined : offlineOr(input, there));
      case 'stories.duplicate':
      case 'stories.trash':
      case 'stories.restore':
      case 'stories.purge':
        return (input, there) => (held(input) ? Promise.reject(heldAway(method)) : offlineOr(input, there));
      default:
        return offlineOr;
    }
  }

  /** A change of a story held away, told to every window of this desk (and the outbox count to the status). */
  #told(story: Story): Story {
    const at = new Date().toISOString();
    this.#o.events.emit({ type: 'story', storyId: story.id, revision: story.rev, status: story.status, at });
    this.#emitNewsroom();
    return story;
  }

  /** stories.list while the newsroom does not answer: the stories held away on this desk. */
  async #awayList(input: unknown) {
    const ids = new Set(this.away.entries(this.#who()).map((e) => e.storyId));
    const items = queryStories(
      this.#o.store.list().filter((s) => ids.has(s.id)),
      input as DeskParsedInput<'stories.list'>,
    );
    return { total: items.length, items };
  }

  /** checkout.take: the server locks the stories to this desk; their copies go into the desk's store. */
  async #take(input: DeskParsedInput<'checkout.take'>): Promise<CheckoutTaken> {
    const who = this.#who();
    if (this.#state === 'unreachable') throw offline('checkout.take', this.#unreachableSince);
    if (!who) throw notConnected('checkout.take');
    const taken = await this.#call<CheckoutTaken>('checkout.take', { ids: input.ids, desk: who.desk });
    await this.away.took(who, taken);
    await this.photos.bring(taken.items.map((i) => i.story));
    this.#emitNewsroom();
    return taken;
  }

  /**
   * Check-in of the outbox: every waiting operation in order. `release` and the stories not in
   * `keep` are handed back (all of them when neither is given, as the renderer's 交回 does);
   * `automatic` (the newsroom answers again) sends the outbox and keeps every story away.
   */
  checkIn(opts: { release?: string[]; keep?: string[]; automatic?: boolean } = {}): Promise<CheckInReport> {
    const who = this.#who();
    if (!who) return Promise.reject(notConnected('checkout.checkIn'));
    if (this.#state === 'unreachable')
      return Promise.reject(offline('checkout.checkIn', this.#unreachableSince));
    const run = async (): Promise<CheckInReport> => {
      const keep = new Set(opts.keep ?? []);
      const report = await this.away.checkIn(
        who,
        (away) =>
          opts.automatic
            ? []
            : opts.release
              ? opts.release.filter((id) => !keep.has(id))
              : away.map((e) => e.storyId).filter((id) => !keep.has(id)),
        (body) =>
          this.photos.upload(body.ops).then(() => this.#call<CheckInReport>('checkout.checkIn', body)),
      );
      if (report.results.length > 0 || report.released.length > 0) this.#emitNewsroom();
      return report;
    };
    // One check-in at a time: a second waits for the first and then sends what is left.
    const prior = this.#checkingIn ?? Promise.resolve(null);
    const next = prior.catch(() => null).then(run);
    this.#checkingIn = next;
    void next
      .finally(() => {
        if (this.#checkingIn === next) this.#checkingIn = null;
      })
      .catch(() => undefined);
    return next;
  }

  /** When the newsroom answers again (or at sign-in): the outbox goes up by itself; the stories stay away. */
  #autoCheckIn() {
    const who = this.#who();
    if (!who || this.#state !== 'connected' || this.away.outbox.entries(who).length === 0) return;
    if (this.#checkInTimer) return;
    this.checkIn({ automatic: true }).then(
      () => {
        this.#checkInTries = 0;
      },
      (err: unknown) => {
        if (this.#closed || didNotReach(err) || sessionEnded(err)) return;
        console.warn('[desk] the automatic check-in failed; it is tried again:', err);
        this.#checkInTimer = setTimeout(() => {
          this.#checkInTimer = null;
          this.#autoCheckIn();
        }, this.#delay(this.#checkInTries++));
        this.#checkInTimer.unref();
      },
    );
  }

  // ---- reachability, events and the outbox --------------------------------------------------------

  #reached() {
    if (this.#state !== 'unreachable' || this.#offline) return;
    this.#unreachableSince = null;
    void this.#keepOfflineSince();
    this.#probeTries = 0;
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    this.#probeTimer = null;
    this.#setState('connected', true);
    if (!this.#stopEvents) void this.#openEvents();
    this.#flush();
    this.#autoCheckIn();
  }

  #lost() {
    if (this.#state !== 'connected' && this.#state !== 'unreachable') return;
    if (this.#state !== 'unreachable') {
      this.#unreachableSince = new Date().toISOString();
      void this.#keepOfflineSince();
      this.#setState('unreachable', true);
    }
    this.#scheduleProbe();
  }

  #delay(tries: number): number {
    return Math.min(this.#backoff.maxMs, this.#backoff.firstMs * 2 ** Math.min(tries, 16));
  }

  #scheduleProbe() {
    if (this.#probeTimer || this.#closed) return;
    this.#probeTimer = setTimeout(() => {
      this.#probeTimer = null;
      const client = this.#client;
      if (!client || this.#state !== 'unreachable') return;
      if (this.#offline) {
        this.#probeTries++;
        client.probe().then(
          () => this.#offlineAnswered(),
          () => this.#scheduleProbe(),
        );
        return;
      }
      if (!client.signedIn) return;
      this.#probeTries++;
      this.#tracked(() => client.me()).then(
        (me) => {
          this.#expiresAt = me.expiresAt;
        },
        () => undefined,
      );
    }, this.#delay(this.#probeTries));
    this.#probeTimer.unref();
  }

  /** Relays the server's events onto the desk's bus; reopened with backoff when the socket drops. */
  #openEvents(): Promise<void> {
    const client = this.#client;
    if (!client?.signedIn || this.#closed || this.#stopEvents) return Promise.resolve();
    let cancelled = false;
    let stop: (() => void) | null = null;
    this.#stopEvents = () => {
      cancelled = true;
      stop?.();
    };
    const gone = () => {
      if (cancelled) return;
      cancelled = true;
      this.#stopEvents = null;
      if (this.#closed || client !== this.#client || !client.signedIn) return;
      this.#eventTimer = setTimeout(() => {
        this.#eventTimer = null;
        if (this.#state !== 'connected' || this.#stopEvents) return;
        // The server, its database or the session? /api/me says (and moves the state); then the socket again.
        this.#tracked(() => client.me()).then(
          () => void this.#openEvents(),
          () => undefined,
        );
      }, this.#delay(this.#eventTries++));
      this.#eventTimer.unref();
    };
    const resumed = this.#eventTries > 0;
    return client
      .events(this.#lastSeq, {
        event: (event, seq) => {
          if (seq !== null) this.#lastSeq = Math.max(this.#lastSeq ?? 0, seq);
          this.#o.events.emit(event);
        },
        hello: (hello) => {
          // What was missed is replayed after the hello; when it cannot be, the windows re-read what they show.
          if (!hello.complete || (resumed && this.#lastSeq === null)) this.#emitNewsroom();
          this.#lastSeq = Math.max(this.#lastSeq ?? 0, hello.seq);
        },
        close: gone,
      })
      .then((close) => {
        if (cancelled) return close();
        stop = close;
        this.#eventTries = 0;
      }, gone);
  }

  /**
   * Sends the kept saves of the signed-in person (one run at a time); each delivery tells the
   * windows. A save waiting for another session's lock is tried again with backoff.
   */
  #flush() {
    if (this.#flushing || this.pending.size === 0) return;
    const person = this.#person;
    const server = this.#config?.server;
    if (!person || !server || this.#state !== 'connected') return;
    this.#flushing = this.pending
      .flush(
        { personId: person.id, server },
        (e) =>
          this.photos
            .uploadShown(e.content)
            .then(() =>
              this.#call<Story>('stories.save', { id: e.id, baseRev: e.baseRev, content: e.content }),
            ),
        (err) =>
          didNotReach(err) || sessionEnded(err)
            ? 'lost'
            : err instanceof DeskError && err.code === 'locked'
              ? 'later'
              : 'refused',
      )
      .then(
        ({ delivered, waiting }) => {
          const at = new Date().toISOString();
          for (const s of delivered)
            this.#o.events.emit({ type: 'story', storyId: s.id, revision: s.rev, status: s.status, at });
          if (delivered.length > 0) this.#emitNewsroom();
          this.#flushTries = waiting > 0 ? this.#flushTries + 1 : 0;
          if (waiting > 0 && !this.#closed && !this.#flushTimer) {
            this.#flushTimer = setTimeout(() => {
              this.#flushTimer = null;
              this.#flush();
            }, this.#delay(this.#flushTries));
            this.#flushTimer.unref();
          }
        },
        (err: unknown) => {
          if (!didNotReach(err) && !sessionEnded(err))
            console.warn('[desk] sending the kept saves failed:', err);
        },
      )
      .finally(() => {
        this.#flushing = null;
      });
  }

  #setState(state: NewsroomState, announce: boolean) {
    const changed = state !== this.#state;
    this.#state = state;
    if (changed && announce) this.#emitNewsroom();
  }

  #emitNewsroom() {
    this.#o.events.emit({ type: 'newsroom', state: this.#state, at: new Date().toISOString() });
  }

  #clearTimers() {
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    if (this.#eventTimer) clearTimeout(this.#eventTimer);
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    if (this.#checkInTimer) clearTimeout(this.#checkInTimer);
    this.#checkInTimer = null;
    this.#checkInTries = 0;
    this.#flushTimer = null;
    this.#flushTries = 0;
    this.#probeTimer = null;
    this.#eventTimer = null;
    this.#eventTries = 0;
    this.#probeTries = 0;
  }
}
