import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { DeskError } from '../../../shared/api';
import { newStory, type Story, type StoryContent } from '../../../shared/model';
import { StoryDraftController, unsavedDrafts, type DraftDeps } from './story-draft';

const ID = 'story-0001';

/** A fake desk with one story; `failNext` makes the next save fail with the given error. */
function fakeDesk(initial: Story) {
  let stored = initial;
  const state = { failNext: null as unknown, saves: 0 };
  const api: DraftDeps['api'] = {
    'stories.get': async () => stored,
    'stories.save': async ({ baseRev, content }) => {
      state.saves++;
      if (state.failNext) {
        const err = state.failNext;
        state.failNext = null;
        throw err;
      }
      if (baseRev !== stored.rev) throw new DeskError('conflict', 'error.conflict', {}, 'stale');
      stored = { ...stored, ...(content as StoryContent), rev: stored.rev + 1 };
      return stored;
    },
  };
  return {
    api,
    state,
    get stored() {
      return stored;
    },
    /** Someone else saves a new revision. */
    bumpElsewhere(patch: Partial<StoryContent>) {
      stored = { ...stored, ...patch, rev: stored.rev + 1 };
    },
  };
}

function setup() {
  const desk = fakeDesk(newStory(ID, '2026-11-22T08:00:00Z', 'test', { headline: '原标题' }));
  const errors: unknown[] = [];
  const controller = new StoryDraftController(ID, {
    api: desk.api,
    onSaved: () => {},
    onError: (err) => errors.push(err),
    onMissing: () => {},
    autosaveMs: 800,
  });
  return { desk, errors, controller };
}

beforeEach(() => {
  vi.useFakeTimers();
  unsavedDrafts.clear();
});
afterEach(() => vi.useRealTimers());

describe('the story draft', () => {
  it('saves 800 ms after the last change, once', async () => {
    const { desk, controller } = setup();
    controller.start();
    await vi.runAllTimersAsync();
    controller.update({ headline: '新' });
    await vi.advanceTimersByTimeAsync(500);
    controller.update({ headline: '新标题' });
    await vi.advanceTimersByTimeAsync(500);
    expect(desk.state.saves).toBe(0);
    expect(controller.getState().save).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(400);
    expect(desk.state.saves).toBe(1);
    expect(desk.stored.headline).toBe('新标题');
    expect(controller.getState().save).toBe('saved');
  });

  it('keeps the text after a failed save and retries', async () => {
    const { desk, controller, errors } = setup();
    controller.start();
    await vi.runAllTimersAsync();
    desk.state.failNext = new DeskError('locked', 'error.dataLocked', {}, 'locked');
    controller.update({ headline: '不能丢的标题' });
    await vi.advanceTimersByTimeAsync(800);
    expect(errors).toHaveLength(1);
    expect(controller.getState().save).toBe('error');
    expect(controller.getState().draft?.headline).toBe('不能丢的标题');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(desk.stored.headline).toBe('不能丢的标题');
    expect(controller.getState().save).toBe('saved');
  });

  it('does not send an invalid draft and names the field', async () => {
    const { desk, controller } = setup();
    controller.start();
    await vi.runAllTimersAsync();
    controller.update({ region: { code: '44011', path: ['广东省'] } });
    await vi.advanceTimersByTimeAsync(800);
    expect(desk.state.saves).toBe(0);
    expect(controller.getState().save).toBe('invalid');
    expect(controller.getState().issues.map((i) => i.path)).toContain('region.code');
    controller.update({ region: { code: '440111', path: ['广东省'] } });
    expect(controller.getState().issues).toEqual([]);
    await vi.advanceTimersByTimeAsync(800);
    expect(desk.stored.region?.code).toBe('440111');
  });

  it('on a conflict loads the latest version and keeps mine aside', async () => {
    const { desk, controller } = setup();
    controller.start();
    await vi.runAllTimersAsync();
    desk.bumpElsewhere({ headline: '别处改的标题' });
    controller.update({ headline: '我改的标题' });
    await vi.advanceTimersByTimeAsync(800);
    const state = controller.getState();
    expect(state.save).toBe('conflict');
    expect(state.draft?.headline).toBe('别处改的标题');
    expect(state.conflict?.mine.headline).toBe('我改的标题');

    controller.useMine();
    await vi.advanceTimersByTimeAsync(800);
    expect(desk.stored.headline).toBe('我改的标题');
    expect(controller.getState().save).toBe('saved');
  });

  it('keeps an unsaved draft when the story closes and brings it back', async () => {
    const first = setup();
    first.desk.state.failNext = new Error('network down');
    first.controller.start();
    await vi.runAllTimersAsync();
    first.controller.update({ headline: '未保存' });
    await vi.advanceTimersByTimeAsync(800);
    first.controller.dispose();
    expect(unsavedDrafts.get(ID)?.content.headline).toBe('未保存');

    const again = new StoryDraftController(ID, {
      api: first.desk.api,
      onSaved: () => {},
      onError: () => {},
      onMissing: () => {},
    });
    again.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(again.getState().draft?.headline).toBe('未保存');
    await vi.advanceTimersByTimeAsync(800);
    expect(first.desk.stored.headline).toBe('未保存');
  });
});
