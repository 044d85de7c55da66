/**
 * The preload: exposes the desk API as `window.desk`, exactly the contract's
 * methods and nothing else (Electron security checklist item 20: ipcRenderer
 * itself is never exposed, and no method takes a channel name).
 *
 * It runs sandboxed (item 4), where `require` knows only 'electron' and a few
 * built-ins, so it is bundled as one self-contained CommonJS file. It imports
 * only types from shared/: the method table below is checked against the
 * contract by `satisfies DeskApi` (a missing or extra method is a compile
 * error), so zod and the schemas stay out of this bundle; main validates.
 *
 * Errors. Every call resolves with the method's result or rejects with a plain
 * `DeskErrorShape` object `{ code, key, params, detail }`, never an Error.
 * contextBridge copies values into the page's world; an Error crossing it is
 * rebuilt with its message only and loses `code`, `key` and `params`, while a
 * plain object arrives whole. renderer/src/platform turns the shape back into a
 * `DeskError` with `DeskError.from(shape)` (test it with `isDeskErrorShape`).
 */
import { contextBridge, ipcRenderer } from 'electron';

import type { DeskApi, DeskErrorShape, DeskInput, DeskMethod, DeskOutput } from '../../shared/api';
import { toDeskEvent, type DeskEventListener } from '../../shared/api/events';

type Reply = { ok: true; result: unknown } | { ok: false; error: DeskErrorShape };

function isReply(value: unknown): value is Reply {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (r.ok === true) return 'result' in r;
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false;
  const e = r.error as Record<string, unknown>;
  return typeof e.code === 'string' && typeof e.key === 'string' && typeof e.detail === 'string';
}

/** A fresh plain copy: only the four fields, only strings and numbers in params. */
function plainError(error: DeskErrorShape): DeskErrorShape {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(error.params ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  }
  return { code: error.code, key: error.key, params, detail: error.detail };
}

async function invoke(method: DeskMethod, input: unknown): Promise<unknown> {
  let reply: unknown;
  try {
    reply = await ipcRenderer.invoke(`desk:${method}`, input);
  } catch (err) {
    // The main process had no handler (shutting down) or could not clone the input.
    const detail = err instanceof Error ? err.message : String(err);
    throw { code: 'internal', key: 'error.ipc', params: { method }, detail } satisfies DeskErrorShape;
  }
  if (!isReply(reply)) {
    throw {
      code: 'internal',
      key: 'error.ipc',
      params: { method },
      detail: `${method}: malformed reply`,
    } satisfies DeskErrorShape;
  }
  if (!reply.ok) throw plainError(reply.error);
  return reply.result;
}

function bind<M extends DeskMethod>(method: M): (input: DeskInput<M>) => Promise<DeskOutput<M>> {
  return (input) => invoke(method, input) as Promise<DeskOutput<M>>;
}

const api = {
  'app.info': bind('app.info'),
  'notices.list': bind('notices.list'),
  'notices.dismiss': bind('notices.dismiss'),
  'prefs.get': bind('prefs.get'),
  'prefs.set': bind('prefs.set'),
  'stories.list': bind('stories.list'),
  'stories.get': bind('stories.get'),
  'stories.create': bind('stories.create'),
  'stories.save': bind('stories.save'),
  'stories.duplicate': bind('stories.duplicate'),
  'stories.trash': bind('stories.trash'),
  'stories.restore': bind('stories.restore'),
  'stories.purge': bind('stories.purge'),
  'regions.search': bind('regions.search'),
  'regions.info': bind('regions.info'),
  'terms.get': bind('terms.get'),
  'terms.save': bind('terms.save'),
  'checks.pageContext': bind('checks.pageContext'),
  'checks.archive': bind('checks.archive'),
  'photos.import': bind('photos.import'),
  'pages.list': bind('pages.list'),
  'pages.get': bind('pages.get'),
  'pages.save': bind('pages.save'),
  'pages.preflight': bind('pages.preflight'),
  'pages.export': bind('pages.export'),
  'pages.exportProgress': bind('pages.exportProgress'),
  'pages.openFolder': bind('pages.openFolder'),
  'pages.publish': bind('pages.publish'),
  'users.list': bind('users.list'),
  'users.save': bind('users.save'),
  'session.setUser': bind('session.setUser'),
  'review.queue': bind('review.queue'),
  'review.act': bind('review.act'),
  'review.challenge': bind('review.challenge'),
  'keys.register': bind('keys.register'),
  'review.audit': bind('review.audit'),
  'review.auditCsv': bind('review.auditCsv'),
  'comments.add': bind('comments.add'),
  'comments.resolve': bind('comments.resolve'),
  'comments.reopen': bind('comments.reopen'),
  'locks.view': bind('locks.view'),
  'locks.acquire': bind('locks.acquire'),
  'locks.renew': bind('locks.renew'),
  'locks.release': bind('locks.release'),
  'locks.takeOver': bind('locks.takeOver'),
  'history.list': bind('history.list'),
  'history.diff': bind('history.diff'),
  'history.restore': bind('history.restore'),
  'stories.import': bind('stories.import'),
  'archive.list': bind('archive.list'),
  'archive.calendar': bind('archive.calendar'),
  'archive.search': bind('archive.search'),
  'archive.get': bind('archive.get'),
  'archive.splitPage': bind('archive.splitPage'),
  'archive.importPage': bind('archive.importPage'),
  'archive.put': bind('archive.put'),
  'archive.since': bind('archive.since'),
  'newsroom.status': bind('newsroom.status'),
  'newsroom.connect': bind('newsroom.connect'),
  'newsroom.signIn': bind('newsroom.signIn'),
  'newsroom.changePassword': bind('newsroom.changePassword'),
  'newsroom.signOut': bind('newsroom.signOut'),
  'newsroom.disconnect': bind('newsroom.disconnect'),
  'checkout.take': bind('checkout.take'),
  'checkout.checkIn': bind('checkout.checkIn'),
  'checkout.takeOver': bind('checkout.takeOver'),
  'checkout.resolve': bind('checkout.resolve'),
  'checkout.conflict': bind('checkout.conflict'),
  'checkout.list': bind('checkout.list'),
  'photos.has': bind('photos.has'),
  'photos.put': bind('photos.put'),
} satisfies DeskApi;

contextBridge.exposeInMainWorld('desk', api);

/**
 * The desk's event channel (issue 19): main sends each desk event on one fixed
 * channel; the page hears only events that pass `toDeskEvent` (a fresh plain copy
 * of the fields of its type), never the IPC event or ipcRenderer itself.
 */
const deskEvents = {
  subscribe(listener: DeskEventListener): () => void {
    if (typeof listener !== 'function') return () => undefined;
    const onEvent = (_event: unknown, payload: unknown) => {
      const event = toDeskEvent(payload);
      if (event) listener(event);
    };
    ipcRenderer.on('desk:event', onEvent);
    return () => {
      ipcRenderer.removeListener('desk:event', onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('deskEvents', deskEvents);
