/**
 * Where this window's desk works (issue 17): the desk's NewsroomStatus, read at start,
 * again on every `newsroom` event (another window signed in or out, the server stopped
 * or started answering, a kept save was delivered) and after the event stream came back.
 *
 * When the store behind the desk or the signed-in person changes, `onStoreChange`
 * reads the window's data again the way the app does at start (App.tsx remounts the
 * shell), so the stories list, the queue and the open story come from the store the
 * desk now works on. The provider itself sits above that remount: the badge and the
 * 连接编辑部 dialog's open state survive it.
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

import type { NewsroomStatus } from '../../../shared/api';
import { desk, onDeskEvent, onDeskReconnect } from '../platform/desk-client';
import { needsReload } from './newsroom-state';

export type Newsroom = {
  /** null until the desk answered (and if it never does: the desk then behaves as local). */
  status: NewsroomStatus | null;
  /** Takes the status a newsroom call answered with; reads the window's data again if the store changed. */
  apply: (next: NewsroomStatus) => void;
  dialogOpen: boolean;
  openDialog: () => void;
  closeDialog: () => void;
};

const Context = createContext<Newsroom>({
  status: null,
  apply: () => undefined,
  dialogOpen: false,
  openDialog: () => undefined,
  closeDialog: () => undefined,
});

export function useNewsroom(): Newsroom {
  return useContext(Context);
}

type Props = { onStoreChange: () => void; children: ReactNode };

export function NewsroomProvider({ onStoreChange, children }: Props) {
  const [status, setStatus] = useState<NewsroomStatus | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const known = useRef<NewsroomStatus | null>(null);
  const storeChanged = useRef(onStoreChange);
  useEffect(() => {
    storeChanged.current = onStoreChange;
  });

  const apply = useCallback((next: NewsroomStatus) => {
    const before = known.current;
    known.current = next;
    setStatus(next);
    if (needsReload(before, next)) storeChanged.current();
  }, []);

  useEffect(() => {
    let live = true;
    const read = () =>
      void desk['newsroom.status']({}).then(
        (next) => live && apply(next),
        (err: unknown) => console.warn('[desk] newsroom status could not be read:', err),
      );
    read();
    const stopEvents = onDeskEvent((event) => {
      if (event.type === 'newsroom') read();
    });
    const stopReconnect = onDeskReconnect(read);
    return () => {
      live = false;
      stopEvents();
      stopReconnect();
    };
  }, [apply]);

  const value = useMemo(
    () => ({
      status,
      apply,
      dialogOpen,
      openDialog: () => setDialogOpen(true),
      closeDialog: () => setDialogOpen(false),
    }),
    [status, apply, dialogOpen],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
