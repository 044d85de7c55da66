import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

import type { Locale } from '../../../shared/model';
import type { LockView } from '../../../shared/review/review-contract';
import { FeedbackProvider } from '../app/feedback';
import { I18nProvider } from '../app/i18n/i18n';
import { LockNotice } from '../review/LockNotice';
import type { StoryLock } from '../review/use-story-lock';

// The renderer's desk client reads its token from the page when it loads; these tests have no page.
vi.hoisted(() => {
  Object.assign(globalThis, { document: { querySelector: () => null } });
});

const since = new Date(2026, 11, 7, 14, 5).toISOString();

function lockOf(view: LockView, reason: StoryLock['reason']): StoryLock {
  const none = () => undefined;
  return {
    view,
    reason,
    readOnly: reason !== null,
    generation: 0,
    claim: () => Promise.resolve(false),
    takeOver: () => Promise.resolve(),
    release: none,
    reload: none,
  };
}

const text = (lock: StoryLock, locale: Locale = 'zh-CN') =>
  renderToStaticMarkup(
    <I18nProvider locale={locale}>
      <FeedbackProvider>
        <LockNotice lock={lock} />
      </FeedbackProvider>
    </I18nProvider>,
  )
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const away: LockView = {
  storyId: '0b7e6c1c-3f7a-4c8e-9a55-0d3f4e2b1a90',
  mine: false,
  holder: { userId: 'zhang', name: '张三', since },
  ttlMs: 0,
  checkout: { desk: '王记者的笔记本', since, baseRev: 3 },
};

describe('the lock notice of a checked-out story', () => {
  it('says who took it away, to which computer and since when', () => {
    const shown = text(lockOf(away, 'lock'));
    expect(shown).toContain('已被 张三 带走编辑（王记者的笔记本，自 12月7日 14:05）');
    expect(shown).toContain('张三 交回之前，这里只能阅读。');
    expect(shown).not.toContain('锁定者');
  });

  it('in English too', () => {
    expect(text(lockOf(away, 'lock'), 'en')).toMatch(
      /Checked out by 张三 \(王记者的笔记本, since Dec 7,? 14:05\)/,
    );
  });

  it('an edit lock stays an edit lock', () => {
    const shown = text(lockOf({ ...away, checkout: null, ttlMs: 60_000 }, 'lock'));
    expect(shown).toContain('锁定者：张三');
    expect(shown).not.toContain('带走编辑');
  });

  it('held by this window: says it is yours until checked in', () => {
    const shown = text(lockOf({ ...away, mine: true }, null));
    expect(shown).toContain('你已带走编辑（王记者的笔记本，自 12月7日 14:05），交回前只有你能修改。');
  });
});
