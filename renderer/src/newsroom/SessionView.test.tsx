import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import type { NewsroomStatus } from '../../../shared/api';
import type { Locale } from '../../../shared/model';
import { I18nProvider } from '../app/i18n/i18n';
import { SessionView } from './SessionView';

const signedIn: NewsroomStatus = {
  state: 'connected',
  server: 'https://bianjibu.example.cn:8443',
  lastLogin: 'zhangsan',
  person: { id: 'zhang-san', login: 'zhangsan', name: '张三', roles: ['reporter', 'second-editor'] },
  expiresAt: '2026-12-07T12:00:00.000Z',
  unreachableSince: null,
  pending: [],
  key: { fingerprint: 'SHA256:4f1a9c', file: '/data/keys/zhang-san.json' },
};

const text = (status: NewsroomStatus, locale: Locale = 'zh-CN') =>
  renderToStaticMarkup(
    <I18nProvider locale={locale}>
      <SessionView status={status} />
    </I18nProvider>,
  )
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the signed-in view', () => {
  it('names the person, their roles in Chinese, the server and the signing key', () => {
    const shown = text(signedIn);
    expect(shown).toContain('张三（账号 zhangsan）');
    expect(shown).toContain('记者、复审');
    expect(shown).toContain('https://bianjibu.example.cn:8443');
    expect(shown).toContain('编辑部正常响应');
    expect(shown).toContain('SHA256:4f1a9c');
    expect(shown).toContain('/data/keys/zhang-san.json');
    expect(shown).not.toContain('未送达');
  });

  it('while the server does not answer, lists the saves kept on this computer', () => {
    const shown = text({
      ...signedIn,
      state: 'unreachable',
      unreachableSince: '2026-12-07T06:05:00.000Z',
      pending: [
        { storyId: 'a', headline: '茶溪社区议事会', baseRev: 4, at: '2026-12-07T06:10:00.000Z' },
        { storyId: 'b', headline: '', baseRev: 1, at: '2026-12-07T06:12:00.000Z' },
      ],
    });
    expect(shown).toContain('编辑部自');
    expect(shown).toContain('起没有响应');
    expect(shown).toContain('有 2 份稿件未送达编辑部，已保存在本机。');
    expect(shown).toContain('“茶溪社区议事会”（第 4 版之后的修改');
    expect(shown).toContain('“（无标题）”');
  });

  it('says when this computer holds no key yet, in English too', () => {
    const shown = text({ ...signedIn, key: null, person: { ...signedIn.person!, roles: [] } }, 'en');
    expect(shown).toContain('This computer holds no signing key for this person yet.');
    expect(shown).toContain('No roles');
    expect(shown).not.toContain('Key file');
    expect(text(signedIn, 'en')).toContain('Reporter, Second review (复审)');
  });
});

describe('changes of stories held away (issue 18)', () => {
  it('are not said to have reached the newsroom while they wait in the outbox', () => {
    const offline: NewsroomStatus = {
      ...signedIn,
      state: 'unreachable',
      unreachableSince: '2026-12-07T06:05:00.000Z',
      outbox: 3,
    };
    const shown = text(offline);
    expect(shown).toContain('带走稿件的 3 处修改保存在这台电脑上，编辑部恢复响应后自动交回。');
    expect(shown).not.toContain('所有修改都已送达编辑部');
    expect(text({ ...offline, outbox: 0 })).toContain('所有修改都已送达编辑部');
    expect(text(offline, 'en')).toContain('3 changes of the stories checked out are kept on this computer');
  });
});
