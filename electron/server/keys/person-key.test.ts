import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  generatePersonKey,
  loadPersonKey,
  reencryptPersonKey,
  savePersonKey,
  signChallenge,
  SigningKeyFile,
  signKeyRegistration,
  signSignoff,
  unlockPersonKey,
  type StoredKey,
} from './person-key';
import {
  contentHash,
  keyFingerprint,
  keyRegistrationText,
  parseSignoff,
  SIGNOFF_PURPOSE,
  signoffText,
  verifyText,
  type SignoffPayload,
} from './signoff';

// Cheap scrypt parameters for the many unlocks below.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const payload = (over: Partial<SignoffPayload> = {}): SignoffPayload => ({
  purpose: SIGNOFF_PURPOSE,
  storyId: 'story-0001',
  revision: 3,
  contentHash: contentHash({ headline: '基层党建', body: [1, 2] }),
  level: 'first',
  decision: 'approve',
  serverTimestamp: '2026-12-07T08:00:00.000Z',
  nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
  ...over,
});

describe('a person’s signing key', () => {
  it('is kept only encrypted: the file holds the public key, never the private one', async () => {
    const { stored, unlocked } = await generatePersonKey('一个很长的密码-2026', FAST);
    const pkcs8 = unlocked.privateKey.export({ format: 'der', type: 'pkcs8' });
    const text = JSON.stringify(stored);
    expect(text).not.toContain(pkcs8.toString('base64'));
    // The raw 32-byte seed is the tail of the PKCS#8 form; it appears in no encoding either.
    expect(text).not.toContain(pkcs8.subarray(-32).toString('base64'));
    expect(text).not.toContain(pkcs8.subarray(-32).toString('hex'));
    expect(stored).toMatchObject({ version: 1, algorithm: 'ed25519', kdf: { name: 'scrypt', ...FAST } });
    expect(stored.publicKey).toBe(unlocked.publicKey);
  });

  it('unlocks with the password and signs what the server verifies; a wrong password is refused', async () => {
    const { stored } = await generatePersonKey('correct horse battery', FAST);
    await expect(unlockPersonKey(stored, 'correct horse batterY')).rejects.toMatchObject({
      key: 'error.keyPassword',
    });
    const key = await unlockPersonKey(stored, 'correct horse battery');
    const p = payload();
    const signature = signSignoff(key, p);
    expect(verifyText(stored.publicKey, signoffText(p), signature)).toBe(true);
    expect(verifyText(stored.publicKey, signoffText(payload({ revision: 4 })), signature)).toBe(false);
    const other = await generatePersonKey('another password', FAST);
    expect(verifyText(other.stored.publicKey, signoffText(p), signature)).toBe(false);
    const proof = signKeyRegistration(key, 'li-hua');
    expect(verifyText(stored.publicKey, keyRegistrationText('li-hua', stored.publicKey), proof)).toBe(true);
    expect(verifyText(stored.publicKey, keyRegistrationText('wang-fang', stored.publicKey), proof)).toBe(
      false,
    );
  });

  it('a changed public key, weakened parameters or a changed ciphertext fail like a wrong password', async () => {
    const { stored } = await generatePersonKey('pass-pass-pass', FAST);
    const other = await generatePersonKey('pass-pass-pass', FAST);
    const swapped: StoredKey = { ...stored, publicKey: other.stored.publicKey };
    await expect(unlockPersonKey(swapped, 'pass-pass-pass')).rejects.toMatchObject({
      key: 'error.keyPassword',
    });
    const weaker: StoredKey = { ...stored, kdf: { ...stored.kdf, N: 2 ** 9 } };
    await expect(unlockPersonKey(weaker, 'pass-pass-pass')).rejects.toMatchObject({
      key: 'error.keyPassword',
    });
    const bytes = Buffer.from(stored.encryptedPrivateKey, 'base64');
    bytes[5]! ^= 1;
    const flipped: StoredKey = { ...stored, encryptedPrivateKey: bytes.toString('base64') };
    await expect(unlockPersonKey(flipped, 'pass-pass-pass')).rejects.toMatchObject({
      key: 'error.keyPassword',
    });
    await expect(unlockPersonKey({ ...stored, version: 2 }, 'pass-pass-pass')).rejects.toMatchObject({
      key: 'error.keyDamaged',
      code: 'damaged',
    });
  });

  it('re-encrypts under a new password: the same key pair, a fresh salt and nonce', async () => {
    const { stored } = await generatePersonKey('old-password-1', FAST);
    await expect(reencryptPersonKey(stored, 'not-it', 'new-password-2', FAST)).rejects.toMatchObject({
      key: 'error.keyPassword',
    });
    const next = await reencryptPersonKey(stored, 'old-password-1', 'new-password-2', FAST);
    expect(next.publicKey).toBe(stored.publicKey);
    expect(next.kdf.salt).not.toBe(stored.kdf.salt);
    expect(next.cipher.nonce).not.toBe(stored.cipher.nonce);
    await expect(unlockPersonKey(next, 'old-password-1')).rejects.toMatchObject({ key: 'error.keyPassword' });
    const key = await unlockPersonKey(next, 'new-password-2');
    expect(verifyText(stored.publicKey, signoffText(payload()), signSignoff(key, payload()))).toBe(true);
  });

  it('is saved readable by its owner only, and a damaged file is reported, not replaced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'desk-key-'));
    dirs.push(dir);
    const path = join(dir, 'signing-key.json');
    expect(await loadPersonKey(path)).toBeNull();
    const { stored } = await generatePersonKey('file-password', FAST);
    await savePersonKey(path, stored);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadPersonKey(path)).toEqual(stored);
    await writeFile(path, '{"format":"dangjian-desk/person-key"');
    await expect(loadPersonKey(path)).rejects.toMatchObject({ code: 'damaged' });
    expect(await readFile(path, 'utf8')).toBe('{"format":"dangjian-desk/person-key"');
  });
});

describe('the signing key file of a desktop', () => {
  it('is made once, unlocked with the password, and follows a password change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'desk-keyfile-'));
    dirs.push(dir);
    const file = new SigningKeyFile(join(dir, 'li-hua.key.json'), FAST);
    await expect(file.unlock('first-password')).rejects.toMatchObject({ key: 'error.keyMissing' });
    const made = await file.create('first-password');
    await expect(file.create('first-password')).rejects.toMatchObject({ key: 'error.keyExists' });
    expect((await file.unlock('first-password')).publicKey).toBe(made.publicKey);
    await expect(file.changePassword('wrong-password', 'second-password')).rejects.toMatchObject({
      key: 'error.keyPassword',
    });
    expect((await file.unlock('first-password')).publicKey).toBe(made.publicKey);
    await file.changePassword('first-password', 'second-password');
    await expect(file.unlock('first-password')).rejects.toMatchObject({ key: 'error.keyPassword' });
    const key = await file.unlock('second-password');
    expect(key.publicKey).toBe(made.publicKey);
    expect(verifyText(made.publicKey, signoffText(payload()), signSignoff(key, payload()))).toBe(true);
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
  });
});

describe('the desktop’s answer to a sign challenge', () => {
  it('signs only a canonical sign-off of the story, revision and text on screen', async () => {
    const { stored, unlocked } = await generatePersonKey('screen-password', FAST);
    const content = { headline: '基层党建', body: [1, 2] };
    const text = signoffText(payload());
    const shown = { storyId: 'story-0001', revision: 3, content };
    expect(verifyText(stored.publicKey, text, signChallenge(unlocked, text, shown))).toBe(true);
    expect(() =>
      signChallenge(unlocked, text, { ...shown, content: { ...content, headline: '改过' } }),
    ).toThrow(expect.objectContaining({ key: 'error.signoffNotShown', code: 'conflict' }));
    expect(() => signChallenge(unlocked, text, { ...shown, revision: 4 })).toThrow(
      expect.objectContaining({ key: 'error.signoffNotShown' }),
    );
    expect(() => signChallenge(unlocked, JSON.stringify({ ...payload(), extra: 1 }), shown)).toThrow(
      expect.objectContaining({ key: 'error.signoffMalformed' }),
    );
  });
});

describe('the sign-off payload', () => {
  it('is canonical JSON; a reordered or extended text is not a sign-off', () => {
    const text = signoffText(payload());
    expect(text).toBe(
      `{"contentHash":"${payload().contentHash}","decision":"approve","level":"first","nonce":"AAAAAAAAAAAAAAAAAAAAAA","purpose":"dangjian-desk/sign-off/1","revision":3,"serverTimestamp":"2026-12-07T08:00:00.000Z","storyId":"story-0001"}`,
    );
    expect(parseSignoff(text)).toEqual(payload());
    expect(parseSignoff(JSON.stringify(payload()))).toBeNull();
    expect(parseSignoff(text.replace('}', ',"extra":1}'))).toBeNull();
    expect(parseSignoff(text.replace('"first"', '"fourth"'))).toBeNull();
  });

  it('hashes content independently of key order, and differently for any changed character', () => {
    expect(contentHash({ a: 1, b: '党' })).toBe(contentHash({ b: '党', a: 1 }));
    expect(contentHash({ a: 1, b: '党' })).not.toBe(contentHash({ a: 1, b: '党 ' }));
    expect(contentHash({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fingerprints a public key in groups, and refuses keys that are not Ed25519', async () => {
    const { stored } = await generatePersonKey('fp-password', FAST);
    expect(keyFingerprint(stored.publicKey)).toMatch(/^([0-9a-f]{4}:){7}[0-9a-f]{4}$/);
    expect(verifyText('not base64!', 'x', 'AAAA')).toBe(false);
  });
});
