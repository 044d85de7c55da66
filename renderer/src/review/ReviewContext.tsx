/**
 * Who is at the desk, for the review UI (issue 6). The profile chosen in this tab
 * is remembered in sessionStorage and told to the desk again after a reload or a
 * host restart (the desk keeps it per session, in memory). A real sign-in would
 * replace `choose` and this memory; the workflow code never sees either.
 *
 * A change of person with a story open (issue 19) first runs the steps registered
 * with `useBeforeSwitch` (the story screen saves what the previous person typed, in
 * their name); if one fails, the person stays as they were and nothing is lost.
 * The desk then ends the previous person's locks, and the story opens afresh.
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

/** What must happen before the person at this window changes; a step that throws stops the switch. */
type SwitchStep = () => Promise<void>;
const StepsContext = createContext<Set<SwitchStep>>(new Set());

/** Registers a step to run before the person changes (the open story saves as its writer). */
export function useBeforeSwitch(step: SwitchStep): void {
  const steps = useContext(StepsContext);
  const latest = useRef(step);
  useEffect(() => {
    latest.current = step;
  });
  useEffect(() => {
    const run = () => latest.current();
    steps.add(run);
    return () => {
      steps.delete(run);
    };
  }, [steps]);
}

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
  const [steps] = useState(() => new Set<SwitchStep>());
  const currentId = useRef<string | null>(null);
  useEffect(() => {
    currentId.current = current?.id ?? null;
  }, [current]);

  const choose = useCallback(
    async (userId: string) => {
      if (currentId.current !== null && currentId.current !== userId) {
        for (const step of [...steps]) await step();
      }
      const user = await desk['session.setUser']({ userId });
      try {
        sessionStorage.setItem(REMEMBERED, user.id);
      } catch {
        // Private mode: the choice lasts until the tab reloads.
      }
      setCurrent(user);
      setVersion((v) => v + 1);
    },
    [steps],
  );

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
      <HubContext.Provider value={hub}>
        <StepsContext.Provider value={steps}>{children}</StepsContext.Provider>
      </HubContext.Provider>
    </Context.Provider>
  );
}
