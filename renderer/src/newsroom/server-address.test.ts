import { describe, expect, it } from 'vitest';

import { parseServerAddress } from './server-address';

describe('the newsroom server address', () => {
  it('keeps scheme, host and port, and reads a bare host:port as https', () => {
    expect(parseServerAddress(' https://bianjibu.example.cn:8443 ')).toEqual({
      ok: true,
      server: 'https://bianjibu.example.cn:8443',
      plainHttp: false,
    });
    expect(parseServerAddress('bianjibu.example.cn:8443')).toMatchObject({
      server: 'https://bianjibu.example.cn:8443',
    });
    expect(parseServerAddress('HTTPS://BianJiBu.Example.CN/')).toMatchObject({
      server: 'https://bianjibu.example.cn',
    });
    expect(parseServerAddress('http://127.0.0.1:5190')).toEqual({
      ok: true,
      server: 'http://127.0.0.1:5190',
      plainHttp: true,
    });
    expect(parseServerAddress('https://[::1]:8443')).toMatchObject({ server: 'https://[::1]:8443' });
  });

  it('refuses an empty address', () => {
    expect(parseServerAddress('   ')).toEqual({ ok: false, problem: 'empty' });
  });

  it('refuses garbled text, full-width punctuation and spaces', () => {
    for (const raw of [
      '编辑部服务器',
      'https://编辑部.cn',
      'bianjibu：8443',
      'bian jibu.cn',
      'https://',
      'https://-x.cn',
      'https://a..b',
    ]) {
      expect(parseServerAddress(raw), raw).toEqual({ ok: false, problem: 'garbled' });
    }
  });

  it('refuses other schemes, credentials and paths', () => {
    expect(parseServerAddress('ftp://bianjibu.example.cn')).toEqual({ ok: false, problem: 'scheme' });
    expect(parseServerAddress('ws://bianjibu.example.cn')).toEqual({ ok: false, problem: 'scheme' });
    expect(parseServerAddress('https://li:secret@bianjibu.example.cn')).toEqual({
      ok: false,
      problem: 'credentials',
    });
    expect(parseServerAddress('https://bianjibu.example.cn/api')).toEqual({ ok: false, problem: 'path' });
    expect(parseServerAddress('https://bianjibu.example.cn?x=1')).toEqual({ ok: false, problem: 'path' });
    expect(parseServerAddress('https://bianjibu.example.cn#top')).toEqual({ ok: false, problem: 'path' });
  });
});
