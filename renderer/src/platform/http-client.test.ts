import { describe, expect, it } from 'vitest';

import { DeskError } from '../../../shared/api';
import { createHttpDesk, streamHttpEvents, type FetchLike } from './http-client';

type Seen = { url: string; init: RequestInit };

function fakeFetch(answer: () => Response | Promise<Response>, seen: Seen[] = []): FetchLike {
  return async (url, init) => {
    seen.push({ url, init });
    return answer();
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the HTTP desk client', () => {
  it('posts the input as JSON to /api/<method> with the token', async () => {
    const seen: Seen[] = [];
    const desk = createHttpDesk({
      fetch: fakeFetch(() => json({ ok: true, result: { total: 0, items: [] } }), seen),
      token: 'tok-1',
    });
    const answer = await desk['stories.list']({ text: '白云区' });
    expect(answer).toEqual({ total: 0, items: [] });
    expect(seen[0]?.url).toBe('/api/stories.list');
    expect(seen[0]?.init.method).toBe('POST');
    expect(new Headers(seen[0]?.init.headers).get('X-Desk-Token')).toBe('tok-1');
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({ text: '白云区' });
  });

  it('throws the desk error the host sent, with its key and params', async () => {
    const error = {
      code: 'conflict',
      key: 'error.conflict',
      params: { id: 'abc123', rev: 4 },
      detail: 'stale rev 3',
    };
    const desk = createHttpDesk({ fetch: fakeFetch(() => json({ ok: false, error }, 409)), token: 't' });
    const failure = await desk['stories.get']({ id: 'abc123' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DeskError);
    expect(failure).toMatchObject({
      code: 'conflict',
      key: 'error.conflict',
      params: { id: 'abc123', rev: 4 },
      message: 'stale rev 3',
    });
  });

  it('turns a network failure into error.network', async () => {
    const desk = createHttpDesk({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      token: 't',
    });
    await expect(desk['app.info']({})).rejects.toMatchObject({
      key: 'error.network',
      params: { method: 'app.info' },
    });
  });

  it('turns an answer that is not JSON into error.http with the status', async () => {
    const desk = createHttpDesk({
      fetch: fakeFetch(() => new Response('<h1>Bad Gateway</h1>', { status: 502 })),
      token: 't',
    });
    await expect(desk['prefs.get']({})).rejects.toMatchObject({ key: 'error.http', params: { status: 502 } });
  });

  it('turns JSON without the envelope into error.http', async () => {
    const desk = createHttpDesk({ fetch: fakeFetch(() => json({ hello: 'world' }, 403)), token: 't' });
    await expect(desk['prefs.get']({})).rejects.toMatchObject({
      code: 'internal',
      key: 'error.http',
      params: { status: 403 },
    });
  });

  it('returns undefined for methods without a result', async () => {
    const desk = createHttpDesk({ fetch: fakeFetch(() => json({ ok: true, result: null })), token: 't' });
    await expect(desk['notices.dismiss']({ id: 'n1' })).resolves.toBeUndefined();
  });
});

describe('the HTTP event stream', () => {
  it('passes on each valid event of the stream, across torn chunks, and drops what is not an event', async () => {
    const lock = { type: 'lock', storyId: 's-1', holder: { userId: 'li-hua', name: '李华' }, at: 't' };
    const story = { type: 'story', storyId: 's-1', revision: 4, status: 'submitted', at: 't' };
    const text = `: desk events\n\ndata: ${JSON.stringify(lock)}\n\ndata: {"type":"evil","storyId":"s-1","at":"t"}\n\ndata: not json\n\n: keep-alive\n\ndata: ${JSON.stringify({ ...story, extra: '<script>' })}\n\n`;
    const bytes = new TextEncoder().encode(text);
    const seen: Seen[] = [];
    let served = 0;
    let reconnects = 0;
    const heard: unknown[] = [];
    const stop = streamHttpEvents(
      {
        fetch: fakeFetch(() => {
          served++;
          // After the first stream ends, the host is back with a stream that stays open.
          if (served > 1) return new Response(new ReadableStream<Uint8Array>({ start: () => undefined }));
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              // Chunks cut mid-character and mid-event, as a socket may deliver them.
              for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
              controller.close();
            },
          });
          return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
        }, seen),
        token: 'tok-1',
      },
      (event) => heard.push(event),
      () => reconnects++,
    );
    await expect.poll(() => heard.length).toBe(2);
    // Connected again after the break (not at the first connection), and told so once.
    await expect.poll(() => reconnects, { timeout: 3_000 }).toBe(1);
    stop();
    expect(heard).toEqual([lock, story]);
    expect(seen[0]?.url).toBe('/events');
    expect(new Headers(seen[0]?.init.headers).get('X-Desk-Token')).toBe('tok-1');
  });
});
