/**
 * The IPC transport keeps the gate's rule (issue 16): whatever a trusted window
 * sends, the handler resolves with the error shape; it never rejects. Electron's
 * ipcMain is replaced by a recorder (the runtime is not installed for unit tests);
 * the wrapper, the sender check and the gate are ours and real.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it, vi } from 'vitest';

type Handler = (event: unknown, input: unknown) => Promise<unknown>;
const handlers = new Map<string, Handler>();
type FakeWindow = { isDestroyed: () => boolean; webContents: Record<string, unknown> };
const windows: FakeWindow[] = [];

vi.mock('electron', () => ({
  app: { isPackaged: true },
  BrowserWindow: { getAllWindows: () => windows },
  ipcMain: {
    handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { openDeskServices } = await import('../desk/services');
const { bindDeskEvents, bindDeskIpc } = await import('./ipc');
const { trustWebContents } = await import('./trusted-ipc-sender');

let dir: string;
let services: Awaited<ReturnType<typeof openDeskServices>>;
let unbind: () => void;

/** A message from the desk's own window: trusted webContents, top-level frame, app://desk/. */
const sender = { id: 7, mainFrame: { frameToken: 'main' }, once: () => {} };
const event = {
  sender,
  senderFrame: { detached: false, parent: null, frameToken: 'main', url: 'app://desk/index.html' },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-ipc-'));
  services = await openDeskServices({ dataDir: dir, transport: 'electron', demo: false });
  unbind = bindDeskIpc(services.handlers);
  trustWebContents(sender as never);
});
afterAll(async () => {
  unbind();
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

it('resolves a 10,000-deep body with the depth limit error, never a rejected promise', async () => {
  // Someone is chosen in the window: a window where nobody is, creates and saves nothing (issue 19).
  await handlers.get('desk:session.setUser')!(event, { userId: 'zhang-ming' });
  const created = (await handlers.get('desk:stories.create')!(event, { page: null })) as {
    ok: true;
    result: { id: string; rev: number };
  };
  let node: unknown = { type: 'text', version: 1, text: '深' };
  for (let i = 0; i < 10_000; i++) node = { type: 'paragraph', version: 1, children: [node] };
  const body = { version: 1, root: { type: 'root', version: 1, children: [node] } };
  const answer = handlers.get('desk:stories.save')!(event, {
    id: created.result.id,
    baseRev: created.result.rev,
    content: { body },
  });
  await expect(answer).resolves.toMatchObject({ ok: false, error: { key: 'error.inputTooDeep' } });
});

it('resolves a refused sender with the error shape too', async () => {
  const stranger = { ...event, sender: { ...sender, id: 99 } };
  await expect(handlers.get('desk:stories.list')!(stranger, {})).resolves.toMatchObject({
    ok: false,
    error: { key: 'error.untrustedSender' },
  });
});

it('sends each desk event to every desk window, and to no other page', async () => {
  const sent: Array<[number, string, unknown]> = [];
  const contents = (id: number, url: string) => ({
    id,
    once: () => {},
    isDestroyed: () => false,
    getURL: () => url,
    send: (channel: string, payload: unknown) => sent.push([id, channel, payload]),
  });
  const desk2 = contents(8, 'app://desk/index.html');
  trustWebContents(desk2 as never);
  const stranger = contents(9, 'https://example.com/');
  windows.push(
    { isDestroyed: () => false, webContents: contents(7, 'app://desk/index.html') },
    { isDestroyed: () => false, webContents: desk2 },
    { isDestroyed: () => false, webContents: stranger },
  );
  const stop = bindDeskEvents(services.events);
  try {
    await handlers.get('desk:session.setUser')!(event, { userId: 'li-hua' });
    const created = (await handlers.get('desk:stories.create')!(event, { page: null })) as {
      result: { id: string };
    };
    await handlers.get('desk:locks.acquire')!(event, { id: created.result.id });
    const story = { type: 'story', storyId: created.result.id, revision: 1, status: 'draft' };
    const lock = { type: 'lock', storyId: created.result.id, holder: { userId: 'li-hua', name: '李华' } };
    // The new story, then its lock: each to both desk windows, never to the stranger.
    expect(sent.map(([id, channel]) => [id, channel])).toEqual([
      [7, 'desk:event'],
      [8, 'desk:event'],
      [7, 'desk:event'],
      [8, 'desk:event'],
    ]);
    expect(sent.map(([, , payload]) => payload)).toEqual([
      expect.objectContaining(story),
      expect.objectContaining(story),
      expect.objectContaining(lock),
      expect.objectContaining(lock),
    ]);
  } finally {
    stop();
    windows.length = 0;
  }
});
