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
import { useNewsroom } from '../newsroom/NewsroomContext';
import './checkout.css';
import { desk, onDeskEvent, onDeskReconnect } from '../platform/desk-client';

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
  /** The stories checked out to the signed-in person on this computer. */
  mine: CheckoutItem[];
  deskName: string;
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
  const { status } = useNewsroom();
  const state = status?.state ?? 'local';
  const online = state === 'connected';
  const offline = state === 'unreachable';
  const personId = status?.person?.id ?? null;
  const [list, setList] = useState<CheckoutList>(EMPTY);
  const [typedName, setName] = useState(readDeskName);
  // The desk names itself on the newsroom (stable per data folder); a typed name only where it does not.
  const deskName = status?.desk ?? typedName;
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
      setDeskName(name);
      await refresh();
      return answer.items.length;
    },
    [refresh, setDeskName],
  );

  const mine = useMemo(
    () =>
      list.items.filter(
        (i) =>
          i.mine || (i.holder.userId === personId && i.desk === deskName.trim() && deskName.trim() !== ''),
      ),
    [list, personId, deskName],
  );

  const checkIn = useCallback(
    async (onProgress: (p: CheckInProgress) => void) => {
      const ids = mine.map((i) => i.storyId);
      const name = deskName.trim() || mine[0]?.desk || '';
      const total: CheckInReport = { results: [], repeated: 0, refused: null, released: [] };
      onProgress({ done: 0, total: ids.length, report: null });
      try {
        for (const [index, id] of ids.entries()) {
          const report = await desk['checkout.checkIn']({ desk: name, ops: [], release: [id] });
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
        await refresh();
      }
      return total;
    },
    [mine, deskName, refresh],
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
      deskName,
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
  }, [online, offline, list, mine, deskName, setDeskName, refresh, takeIds, take, takeOverTarget, checkIn]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}
