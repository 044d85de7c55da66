/**
 * Which contract methods the newsroom server answers, and with what (issue 17). Each route gets
 * the signed-in person (from the session, never from the request) and the input the shared
 * dispatch gate has already checked against the contract's schema. A method without a route
 * answers `error.notOnServer`, so a connected desk says plainly what the newsroom cannot do yet
 * instead of pretending.
 *
 * The review side (review.act, signatures, comments, the audit views) comes from
 * store/review.ts; its routes are spread into the table where `serverRoutes` is built.
 */
import {
  DESK_METHODS,
  DeskError,
  type DeskHandlers,
  type DeskMethod,
  type DeskOutput,
  type DeskParsedInput,
} from '../../shared/api';
import type { Actor, NewsroomStories } from './store/stories';

export type ServerRoute<M extends DeskMethod> = (
  actor: Actor,
  input: DeskParsedInput<M>,
) => Promise<DeskOutput<M>>;
export type ServerRoutes = { [M in DeskMethod]?: ServerRoute<M> };

/** The core story methods and the edit locks, on PostgreSQL. */
export function storyRoutes(stories: NewsroomStories): ServerRoutes {
  return {
    'stories.list': (actor, query) => stories.list(actor, query),
    'stories.get': (actor, { id }) => stories.get(actor, id),
    'stories.create': (actor, { page }) => stories.create(actor, page ?? null),
    'stories.save': (actor, { id, baseRev, content }) => stories.save(actor, id, baseRev, content),
    'locks.acquire': (actor, { id }) => stories.acquire(actor, id),
    'locks.renew': (actor, { id }) => stories.acquire(actor, id),
    'locks.release': (actor, { id }) => stories.release(actor, id),
    'locks.takeOver': (actor, { id }) => stories.takeOver(actor, id),
  };
}

export function notOnServer(method: string): DeskError {
  return new DeskError(
    'unsupported',
    'error.notOnServer',
    { method },
    `The newsroom server does not offer ${method} yet; nothing was changed.`,
  );
}

/** The contract's handlers for one signed-in person: the routes bound to them, the rest refused. */
export function handlersFor(routes: ServerRoutes, actor: Actor): DeskHandlers {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of DESK_METHODS) {
    const route = routes[method] as ((a: Actor, input: unknown) => Promise<unknown>) | undefined;
    out[method] = route ? (input) => route(actor, input) : () => Promise.reject(notOnServer(method));
  }
  return out as DeskHandlers;
}
