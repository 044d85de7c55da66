/**
 * The gate (issue 16): it never throws, whatever the input; depth and size are
 * measured before any schema walks the value; the stored body holds exactly the
 * editor's node types and fields, and the refusal names what it refused.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_INPUT_DEPTH } from '../../shared/api';
import { CONTENT_KEYS, bodyFromBlocks, type LexicalState, type Story } from '../../shared/model';
import { dispatch, dispatchWith } from './dispatch';
import { openDeskServices, type DeskServices } from './services';

let dir: string;
let services: DeskServices;
let story: Story;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-gate-'));
  services = await openDeskServices({ dataDir: dir, transport: 'http', user: 'tester', demo: false });
  story = await services.handlers['stories.create']({ page: null });
});
afterAll(async () => {
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

/** A paragraph holding `depth` paragraphs inside each other: what the probe sent, 10,000 deep. */
export function deeplyNested(depth: number): LexicalState {
  let node: Record<string, unknown> = { type: 'text', version: 1, text: '深' };
  for (let i = 0; i < depth; i++) node = { type: 'paragraph', version: 1, children: [node] };
  return { version: 1, root: { type: 'root', version: 1, children: [node as never] } };
}

function save(body: unknown) {
  const content = { ...storyContent(story), body };
  return dispatch(services.handlers, 'stories.save', { id: story.id, baseRev: story.rev, content });
}

function storyContent(s: Story) {
  return Object.fromEntries(CONTENT_KEYS.map((key) => [key, s[key]]));
}

async function storedRev(): Promise<number> {
  return (await services.handlers['stories.get']({ id: story.id })).rev;
}

describe('the dispatch gate', () => {
  it('answers a 10,000-deep body with the depth limit in the usual error shape, and stores nothing', async () => {
    const result = await save(deeplyNested(10_000));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', key: 'error.inputTooDeep', params: { limit: MAX_INPUT_DEPTH } },
    });
    expect(await storedRev()).toBe(story.rev);
  });

  it('answers any method, even an unknown one or one without a body, with an error shape for deep input', async () => {
    for (const method of ['stories.list', 'pages.save', 'no.such']) {
      const result = await dispatch(services.handlers, method, { deep: deeplyNested(10_000) });
      expect(result.ok).toBe(false);
    }
  });

  it('refuses a node type the editor does not have, naming it', async () => {
    const body = bodyFromBlocks([{ type: 'paragraph', text: '正文' }]);
    body.root.children.push({ type: 'script', version: 1, text: 'alert(1)' });
    const result = await save(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.key).toBe('error.invalidInput');
    expect(result.error.params.issues).toContain('"script"');
    expect(await storedRev()).toBe(story.rev);
  });

  it('refuses an unknown inline type and a block nested in a block', async () => {
    const inline = bodyFromBlocks([{ type: 'paragraph', text: '正文' }]);
    inline.root.children[0]!.children!.push({ type: 'iframe', version: 1 });
    const nested = deeplyNested(3);
    for (const body of [inline, nested]) {
      const result = await save(body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(String(result.error.params.issues)).toMatch(/unknown inline node type/);
    }
  });

  it('refuses an unknown field and __proto__ / constructor keys in a node, rather than dropping them', async () => {
    const extra = bodyFromBlocks([{ type: 'photo', photoId: 'a.jpg' }]);
    (extra.root.children[0] as Record<string, unknown>).onload = 'x';
    const proto = JSON.parse(
      '{"version":1,"root":{"type":"root","version":1,"children":[{"type":"paragraph","version":1,"children":[],"__proto__":{"polluted":true}}]}}',
    ) as unknown;
    const ctor = bodyFromBlocks([{ type: 'quote', text: '引' }]);
    Object.defineProperty(ctor.root.children[0]!, 'constructor', { value: {}, enumerable: true });
    const answers = await Promise.all([save(extra), save(proto), save(ctor)]);
    expect(
      answers.map((a) => (a.ok ? 'stored' : `${a.error.key} ${a.error.params.issues ?? a.error.params.key}`)),
    ).toEqual([
      expect.stringContaining('no field "onload"'),
      'error.inputKey __proto__',
      expect.stringContaining('"constructor" is not allowed'),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await storedRev()).toBe(story.rev);
  });

  it('stores every node and field the editor writes', async () => {
    const body = bodyFromBlocks([
      { type: 'paragraph', text: '一段' },
      { type: 'subhead', text: '小标题' },
      { type: 'quote', text: '引文' },
      { type: 'photo', photoId: 'p1.jpg' },
    ]);
    body.root.children[0]!.children!.push(
      { type: 'linebreak', version: 1 },
      { type: 'tab', version: 1, text: '\t', detail: 2, format: 0, mode: 'normal', style: '' },
    );
    const result = await save(body);
    expect(result.ok ? 'stored' : result.error.detail).toBe('stored');
    story = (result as { result: Story }).result;
    expect(await readdir(join(dir, 'stories'))).toContain(`${story.id}.json`);
  });
});

describe('dispatchWith (a transport with its own handlers, issue 17)', () => {
  const gone = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

  it('runs the handler its way, checks the input first, and lets the transport name a failure it knows', async () => {
    const handlers = {
      ...services.handlers,
      'stories.get': () => Promise.reject(gone),
    } as DeskServices['handlers'];
    const runs: string[] = [];
    const run = <T>(task: () => Promise<T>) => (runs.push('run'), task());
    const describeFailure = (method: string, err: unknown) =>
      (err as { code?: string }).code === 'ECONNREFUSED'
        ? {
            code: 'internal' as const,
            key: 'error.newsroomDbUnavailable',
            params: { method },
            detail: 'down',
          }
        : null;
    // A bad input never reaches the handler.
    const bad = await dispatchWith(handlers, 'stories.get', { id: '../x' }, { run, describeFailure });
    expect(bad.ok === false && bad.error.key).toBe('error.invalidInput');
    expect(runs).toEqual([]);
    const known = await dispatchWith(handlers, 'stories.get', { id: story.id }, { run, describeFailure });
    expect(known.ok === false && known.error.key).toBe('error.newsroomDbUnavailable');
    expect(runs).toEqual(['run']);
    // Without the transport's reading it is the gate's internal error, as before.
    const plain = await dispatchWith(handlers, 'stories.get', { id: story.id });
    expect(plain.ok === false && plain.error.key).toBe('error.internal');
  });
});
