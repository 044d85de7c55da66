/**
 * The window's view of 带走编辑 (issue 18, ADR 013): what is checked out and which stories are in
 * conflict (checkout.list, read while connected, again on every lock or review event and after
 * the event stream came back; kept as last read while the newsroom does not answer), the name
 * this computer gives itself, and the dialogs to take stories away, take one over and check in.
 *
 * It sits above the shell's remount (App.tsx), so what was last read survives a change of store.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

import type {
  CheckInReport,
  CheckoutItem,
  CheckoutList,
  ConflictSummary,
} from '../../../shared/api/checkout-contract';
import type { AwayStory } from '../../../shared/api/newsroom-contract';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { useNewsroom } from '../newsroom/NewsroomContext';
import './checkout.css';
import { desk, onDeskEvent, onDeskReconnect } from '../platform/desk-client';
import { awayItems, checkedInBySelf } from './checkout-view';

const DESK_NAME_KEY = 'desk.checkout.deskName';

function readDeskName(): string {
  try {
    return localStorage.getItem(DESK_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

function keepDeskName(name: string): void {
  try {
    localStorage.setItem(DESK_NAME_KEY, name);
  } catch {
    // Not kept for the next time; this check-out still names the desk.
  }
}

export type CheckInProgress = { done: number; total: number; report: CheckInReport | null };

export type TakeOverTarget = { storyId: string; headline: string; name: string; desk: string; since: string };

export type Checkout = {
  /** True while signed in and the newsroom answers: check-out, take-over and check-in may be asked. */
  online: boolean;
  /** Signed in, but the newsroom does not answer. */
  offline: boolean;
  list: CheckoutList;
  itemOf: (storyId: string) => CheckoutItem | undefined;
  conflictOf: (storyId: string) => ConflictSummary | undefined;
  /**
   * The stories checked out to the signed-in person on this computer: as the newsroom lists them,
   * and those the desk says it holds (status.away) while the newsroom cannot be asked.
   */
  mine: CheckoutItem[];
  /** The drafts written on this desk while the newsroom did not answer, not created there yet. */
  drafts: AwayStory[];
  /** The name this computer has on the newsroom; typed by the person only where the desk gives none. */
  deskName: string;
  /** True when the desk names itself (status.desk): nothing to type. */
  deskNamed: boolean;
  setDeskName: (name: string) => void;
  refresh: () => Promise<void>;
  /** Opens the 带走编辑 dialog for these stories. */
  askTake: (ids: string[]) => void;
  takeIds: string[] | null;
  closeTake: () => void;
  take: (ids: string[], deskName: string) => Promise<number>;
  askTakeOver: (target: TakeOverTarget) => void;
  takeOverTarget: TakeOverTarget | null;
  closeTakeOver: () => void;
  /** Checks in every story checked out here, one after the other; `onProgress` hears each step. */
  checkIn: (onProgress: (p: CheckInProgress) => void) => Promise<CheckInReport>;
};

const EMPTY: CheckoutList = { items: [], conflicts: [] };

const Context = createContext<Checkout | null>(null);

export function useCheckout(): Checkout {
  const value = useContext(Context);
  if (!value) throw new Error('useCheckout outside CheckoutProvider');
  return value;
}

/** The same view, or null outside the provider (unit tests of a single component). */
export function useOptionalCheckout(): Checkout | null {
  return useContext(Context);
}

export function CheckoutProvider({ children }: { children: ReactNode }) {
  const { status, apply } = useNewsroom();
  const state = status?.state ?? 'local';
  const online = state === 'connected';
  const offline = state === 'unreachable';
  const personId = status?.person?.id ?? null;
  const [list, setList] = useState<CheckoutList>(EMPTY);
  const [typedName, setName] = useState(readDeskName);
  // The desk names itself on the newsroom (stable per data folder); a typed name only where it does not.
  const deskNamed = Boolean(status?.desk);
  const deskName = status?.desk || typedName;
  const [takeIds, setTakeIds] = useState<string[] | null>(null);
  const [takeOverTarget, setTakeOverTarget] = useState<TakeOverTarget | null>(null);
  const seq = useRef(0);

  // Offline the desk may answer from what it holds; if it cannot, the last list read stays.
  const refresh = useCallback(async () => {
    if (!online && !offline) return;
    const mine = ++seq.current;
    try {
      const name = deskName.trim();
      const next = await desk['checkout.list'](name ? { desk: name } : {});
      if (mine === seq.current) setList(next);
    } catch (err) {
      console.warn('[desk] checkout list:', err);
    }
  }, [online, offline, deskName]);

  // Another person, or back to the desk's own store: nothing of the last person's list is shown.
  useEffect(() => {
    if (personId === null || state === 'local' || state === 'signedOut') setList(EMPTY);
  }, [personId, state]);

  useEffect(() => {
    void refresh();
    const stop = onDeskEvent((event) => {
      if (event.type === 'lock' || event.type === 'review') void refresh();
    });
    const stopReconnect = onDeskReconnect(() => void refresh());
    return () => {
      stop();
      stopReconnect();
    };
  }, [refresh, personId]);

  const setDeskName = useCallback((name: string) => {
    setName(name);
    keepDeskName(name);
  }, []);

  const take = useCallback(
    async (ids: string[], name: string) => {
      const answer = await desk['checkout.take']({ ids, desk: name });
      if (!deskNamed) setDeskName(name);
      await refresh();
      return answer.items.length;
    },
    [refresh, setDeskName, deskNamed],
  );

  const away = status?.away;
  const mine = useMemo(() => {
    const listed = list.items.filter(
      (i) => i.mine || (i.holder.userId === personId && i.desk === deskName.trim() && deskName.trim() !== ''),
    );
    // Offline the newsroom cannot be asked: what the desk holds is the truth (a list read before may be missing).
    const person = status?.person;
    if (!offline || !person) return listed;
    return [...listed, ...awayItems(away ?? [], listed, person, deskName.trim())];
  }, [list, personId, deskName, away, status?.person, offline]);
  const drafts = useMemo(() => (away ?? []).filter((a) => a.kind === 'draft'), [away]);

  // What the desk sent by itself when the newsroom answered again (the outbox emptied without 交回 here).
  const { t } = useI18n();
  const { toast } = useFeedback();
  const seen = useRef(status);
  const checkingIn = useRef(false);
  useEffect(() => {
    const before = seen.current;
    seen.current = status;
    if (checkingIn.current || !before || !status) return;
    const sent = checkedInBySelf(before, status);
    if (sent > 0) toast(t('checkout.checkIn.autoDone', { count: sent }));
    const refused = status.checkInRefused;
    if (refused && refused.opId !== before.checkInRefused?.opId)
      toast(t('checkout.checkIn.autoRefused', { count: status.outbox ?? 0 }));
  }, [status, t, toast]);

  const checkIn = useCallback(
    async (onProgress: (p: CheckInProgress) => void) => {
      // Every story held here goes back: the checked out ones, the drafts, and those taken over meanwhile.
      const ids = [...new Set([...mine.map((i) => i.storyId), ...(away ?? []).map((a) => a.storyId)])];
      const name = deskName.trim() || mine[0]?.desk || '';
      const total: CheckInReport = { results: [], repeated: 0, refused: null, released: [] };
      onProgress({ done: 0, total: ids.length, report: null });
      checkingIn.current = true;
      try {
        // Nothing held but operations waiting (what was left of a cut-off check-in): they go up once.
        for (const [index, id] of (ids.length > 0 ? ids : [null]).entries()) {
          const report = await desk['checkout.checkIn']({ desk: name, ops: [], release: id ? [id] : [] });
          total.results.push(...report.results);
          total.repeated += report.repeated;
          total.released.push(...report.released);
          if (report.refused) {
            total.refused = report.refused;
            break;
          }
          onProgress({ done: index + 1, total: ids.length, report: total });
        }
      } finally {
        // The status this check-in left is read here, so its emptied outbox is not told twice.
        await desk['newsroom.status']({}).then(
          (fresh) => {
            seen.current = fresh;
            apply(fresh);
          },
          (err: unknown) => console.warn('[desk] newsroom status after check-in:', err),
        );
        checkingIn.current = false;
        await refresh();
      }
      return total;
    },
    [mine, away, deskName, refresh, apply],
  );

  const value = useMemo<Checkout>(() => {
    const items = new Map(list.items.map((i) => [i.storyId, i]));
    const conflicts = new Map<string, ConflictSummary>();
    for (const c of list.conflicts) if (!conflicts.has(c.storyId)) conflicts.set(c.storyId, c);
    return {
      online,
      offline,
      list,
      itemOf: (id) => items.get(id),
      conflictOf: (id) => conflicts.get(id),
      mine,
      drafts,
      deskName,
      deskNamed,
      setDeskName,
      refresh,
      askTake: (ids) => setTakeIds(ids),
      takeIds,
      closeTake: () => setTakeIds(null),
      take,
      askTakeOver: setTakeOverTarget,
      takeOverTarget,
      closeTakeOver: () => setTakeOverTarget(null),
      checkIn,
    };
  }, [
    online,
    offline,
    list,
    mine,
    drafts,
    deskName,
    deskNamed,
    setDeskName,
    refresh,
    takeIds,
    take,
    takeOverTarget,
    checkIn,
  ]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}
