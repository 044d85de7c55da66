import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { DeskError } from '../../../shared/api';
import {
  bodyFromBlocks,
  bodyPlainText,
  newStory,
  type Story,
  type StoryContent,
} from '../../../shared/model';
import {
  changeOpenStory,
  savedElsewhere,
  StoryDraftController,
  unsavedDrafts,
  type DraftDeps,
} from './story-draft';

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

function setup(claim?: DraftDeps['claim']) {
  const desk = fakeDesk(newStory(ID, '2026-11-22T08:00:00Z', 'test', { headline: '原标题' }));
  const errors: unknown[] = [];
  const controller = new StoryDraftController(ID, {
    api: desk.api,
    onSaved: () => {},
    onError: (err) => errors.push(err),
    onMissing: () => {},
    autosaveMs: 800,
    ...(claim ? { claim } : {}),
  });
  return { desk, errors, controller };
}

beforeEach(() => {
  vi.useFakeTimers();
  unsavedDrafts.clear();
});
afterEach(() => vi.useRealTimers());

describe('the story draft', () => {
  it('claims the lock once, with the first edit, and saves only once it is held', async () => {
    let answer: (ok: boolean) => void = () => undefined;
    const claims: number[] = [];
    const { desk, controller } = setup(() => {
      claims.push(Date.now());
      return new Promise<boolean>((resolve) => (answer = resolve));
    });
    controller.start();
    await vi.runAllTimersAsync();
    expect(claims).toHaveLength(0); // opening to read claims nothing
    controller.update({ headline: '新' });
    controller.update({ headline: '新标题' });
    expect(claims).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(desk.state.saves).toBe(0); // the lock is not held yet
    answer(true);
    await vi.runAllTimersAsync();
    expect(desk.state.saves).toBe(1);
    expect(desk.stored.headline).toBe('新标题');
    controller.update({ headline: '再改' });
    await vi.runAllTimersAsync();
    expect(claims).toHaveLength(1);
    expect(desk.state.saves).toBe(2);
  });

  it('drops an edit the lock refuses (someone else holds it), saves nothing and shows the stored text', async () => {
    const { desk, controller } = setup(async () => false);
    controller.start();
    await vi.runAllTimersAsync();
    // The holder saved after this window opened the story.
    desk.bumpElsewhere({ headline: '持锁人改的标题' });
    controller.update({ headline: '别人锁着时打的字' });
    await vi.runAllTimersAsync();
    expect(desk.state.saves).toBe(0);
    expect(controller.dirty).toBe(false);
    expect(controller.getState().draft?.headline).toBe('持锁人改的标题');
    expect(controller.getState().story?.rev).toBe(desk.stored.rev);
    expect(controller.getState().save).toBe('saved');
  });

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

  it('a save the newsroom did not take but the desk kept reads as kept, not failed, and is sent again', async () => {
    const { desk, controller } = setup();
    controller.start();
    await vi.runAllTimersAsync();
    desk.state.failNext = new DeskError('internal', 'error.newsroomSaveKept', {}, 'kept on the desk');
    controller.update({ headline: '存在本机的标题' });
    await vi.advanceTimersByTimeAsync(800);
    expect(controller.getState().save).toBe('kept');
    // Another edit while kept does not hide that the newsroom has not taken it yet.
    controller.update({ headline: '存在本机的标题（二）' });
    expect(controller.getState().save).toBe('kept');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(desk.stored.headline).toBe('存在本机的标题（二）');
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

  describe('the body, read from the editor only when needed', () => {
    /** An editor stand-in: `type` changes its body and tells the link, as BodyChangePlugin does. */
    function attachEditor(controller: StoryDraftController, text = '') {
      const editor = { text, reads: 0 };
      const link = controller.attachBody(() => {
        editor.reads++;
        return bodyFromBlocks([{ type: 'paragraph', text: editor.text }]);
      });
      return {
        editor,
        link,
        type(more: string) {
          editor.text += more;
          link.changed();
        },
      };
    }

    it('marks the draft unsaved at the first keystroke and serializes once, at the save', async () => {
      const { desk, controller } = setup();
      controller.start();
      await vi.runAllTimersAsync();
      let notified = 0;
      controller.subscribe(() => notified++);
      const body = attachEditor(controller);
      for (const ch of '基层党组织建设持续加强') {
        body.type(ch);
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(controller.getState().save).toBe('unsaved');
      expect(controller.dirty).toBe(true);
      expect(body.editor.reads).toBe(0);
      expect(notified).toBe(1);
      await vi.advanceTimersByTimeAsync(800);
      expect(body.editor.reads).toBe(1);
      expect(bodyPlainText(desk.stored.body)).toBe('基层党组织建设持续加强');
      expect(bodyPlainText(controller.getState().draft!.body)).toBe('基层党组织建设持续加强');
      expect(controller.getState().save).toBe('saved');
    });

    it('saves what was typed while a save was on its way', async () => {
      const { desk, controller } = setup();
      controller.start();
      await vi.runAllTimersAsync();
      const body = attachEditor(controller);
      body.type('第一段');
      const saving = controller.saveNow();
      body.type('，接着写');
      await saving;
      expect(controller.getState().save).toBe('unsaved');
      await vi.advanceTimersByTimeAsync(800);
      expect(bodyPlainText(desk.stored.body)).toBe('第一段，接着写');
      expect(controller.getState().save).toBe('saved');
    });

    it('keeps a body that was never saved when the story closes, and brings it back', async () => {
      const { desk, controller } = setup();
      controller.start();
      await vi.runAllTimersAsync();
      const body = attachEditor(controller);
      body.type('关闭前刚打的字');
      controller.dispose();
      body.link.detach();
      expect(bodyPlainText(unsavedDrafts.get(ID)!.content.body)).toBe('关闭前刚打的字');

      const again = new StoryDraftController(ID, {
        api: desk.api,
        onSaved: () => {},
        onError: () => {},
        onMissing: () => {},
      });
      again.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(bodyPlainText(again.getState().draft!.body)).toBe('关闭前刚打的字');
      await vi.advanceTimersByTimeAsync(800);
      expect(bodyPlainText(desk.stored.body)).toBe('关闭前刚打的字');
    });

    it('keeps the typed body as mine on a conflict, and ignores the old editor afterwards', async () => {
      const { desk, controller } = setup();
      controller.start();
      await vi.runAllTimersAsync();
      const body = attachEditor(controller);
      desk.bumpElsewhere({ body: bodyFromBlocks([{ type: 'paragraph', text: '别处改的正文' }]) });
      body.type('我写的正文');
      await vi.advanceTimersByTimeAsync(800);
      const state = controller.getState();
      expect(state.save).toBe('conflict');
      expect(bodyPlainText(state.draft!.body)).toBe('别处改的正文');
      expect(bodyPlainText(state.conflict!.mine.body)).toBe('我写的正文');
      // The old editor is being replaced: what it reports no longer counts.
      body.type('（旧编辑器）');
      body.link.detach();
      expect(controller.dirty).toBe(false);
      expect(bodyPlainText(controller.getState().draft!.body)).toBe('别处改的正文');

      controller.useMine();
      const mine = attachEditor(controller, '我写的正文');
      mine.type('，再补一句');
      await vi.advanceTimersByTimeAsync(800);
      expect(bodyPlainText(desk.stored.body)).toBe('我写的正文，再补一句');
      expect(controller.getState().save).toBe('saved');
    });

    it('a failed save keeps the typed body and the retry sends it', async () => {
      const { desk, controller } = setup();
      controller.start();
      await vi.runAllTimersAsync();
      desk.state.failNext = new DeskError('locked', 'error.dataLocked', {}, 'locked');
      const body = attachEditor(controller);
      body.type('不能丢的正文');
      await vi.advanceTimersByTimeAsync(800);
      expect(controller.getState().save).toBe('error');
      body.type('，后来又加的');
      expect(controller.getState().save).toBe('error');
      await vi.advanceTimersByTimeAsync(5_000);
      expect(bodyPlainText(desk.stored.body)).toBe('不能丢的正文，后来又加的');
      expect(controller.getState().save).toBe('saved');
    });
  });
});

describe('a change made outside the editor (the import result’s region pick)', () => {
  const region = { code: '520113', path: ['贵州省', '贵阳市', '白云区'] };

  it('goes through the open draft, saved as an edit over its revision', async () => {
    const { desk, controller } = setup();
    controller.start();
    const edited = changeOpenStory(ID, { region });
    await vi.runAllTimersAsync();
    expect(await edited).toBe(true);
    expect(desk.stored.rev).toBe(2);
    expect(desk.stored.region).toEqual(region);
    expect(controller.getState().story?.rev).toBe(2);
    expect(controller.getState().draft?.region).toEqual(region);
    controller.dispose();
  });

  it('is left to the caller when the story is not open; a draft that opened meanwhile loads the new revision', async () => {
    const { desk, controller } = setup();
    expect(await changeOpenStory(ID, { region })).toBeNull();
    controller.start();
    await vi.runAllTimersAsync();
    desk.bumpElsewhere({ region }); // the caller's own save
    const refreshed = savedElsewhere(ID, desk.stored.rev);
    await vi.runAllTimersAsync();
    await refreshed;
    expect(controller.getState().story?.rev).toBe(2);
    expect(controller.getState().draft?.region).toEqual(region);
    controller.dispose();
    expect(await changeOpenStory(ID, { region })).toBeNull();
  });
});
