/**
 * Who is at the desk, for the review UI (issue 6). The profile chosen in this tab
 * is remembered in sessionStorage and told to the desk again after a reload or a
 * host restart (the desk keeps it per session, in memory). A real sign-in would
 * replace `choose` and this memory; the workflow code never sees either.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import type { UserProfile } from '../../../shared/review/roles';
import { desk } from '../platform/desk-client';
import { CommentHub } from './comment-hub';

const REMEMBERED = 'desk.userId';

export type ReviewUsers = {
  users: UserProfile[];
  current: UserProfile | null;
  choose: (userId: string) => Promise<void>;
  /** Reads the profiles again (after an admin saved them): the picker and the header follow. */
  reload: () => Promise<void>;
  /** Bumped after every review change, so views that show review data re-read it. */
  version: number;
  changed: () => void;
};

const Context = createContext<ReviewUsers>({
  users: [],
  current: null,
  choose: async () => undefined,
  reload: async () => undefined,
  version: 0,
  changed: () => undefined,
});

const HubContext = createContext<CommentHub>(new CommentHub());

/** The open story's comments, shared by its review strip and the headline lines' comment buttons. */
export function useCommentHub(): CommentHub {
  return useContext(HubContext);
}

export function useReviewUsers(): ReviewUsers {
  return useContext(Context);
}

function remembered(): string | null {
  try {
    return sessionStorage.getItem(REMEMBERED);
  } catch {
    return null;
  }
}

export function ReviewProvider({ children }: { children: ReactNode }) {
  const [users, setUsers] = useState<UserProfile[]>([]);
  const [current, setCurrent] = useState<UserProfile | null>(null);
  const [version, setVersion] = useState(0);

  const choose = useCallback(async (userId: string) => {
    const user = await desk['session.setUser']({ userId });
    try {
      sessionStorage.setItem(REMEMBERED, user.id);
    } catch {
      // Private mode: the choice lasts until the tab reloads.
    }
    setCurrent(user);
    setVersion((v) => v + 1);
  }, []);

  const reload = useCallback(async () => {
    const view = await desk['users.list']({});
    setUsers(view.users);
    setCurrent(view.current);
    setVersion((v) => v + 1);
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const view = await desk['users.list']({});
        if (!live) return;
        setUsers(view.users);
        const again = remembered();
        if (view.current) setCurrent(view.current);
        else if (again && view.users.some((u) => u.id === again && !u.disabled)) await choose(again);
      } catch (err) {
        console.warn('[desk] profiles could not be read:', err);
      }
    })();
    return () => {
      live = false;
    };
  }, [choose]);

  const value = useMemo(
    () => ({ users, current, choose, reload, version, changed: () => setVersion((v) => v + 1) }),
    [users, current, choose, reload, version],
  );
  const [hub] = useState(() => new CommentHub());
  return (
    <Context.Provider value={value}>
      <HubContext.Provider value={hub}>{children}</HubContext.Provider>
    </Context.Provider>
  );
}
