/**
 * A person's signing key on their own desktop (issue 17, ADR 011): an Ed25519 key pair made with
 * node:crypto; the private key is kept only encrypted, with AES-256-GCM under a key derived from
 * the person's password by scrypt, and never leaves the desktop. The server gets the public key.
 *
 * The stored form is versioned JSON:
 *
 *   { format, version: 1, algorithm: "ed25519", publicKey,
 *     kdf: { name: "scrypt", N, r, p, salt }, cipher: { name: "aes-256-gcm", nonce, tag },
 *     encryptedPrivateKey }
 *
 * (binary fields base64). Everything but the tag and the ciphertext is the GCM additional data, so
 * a changed public key or weakened scrypt parameters fail to decrypt like a wrong password does.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { chmod, stat } from 'node:fs/promises';

import { z } from 'zod';

import { DeskError } from '../../../shared/api';
import { readJsonFile, writeFileDurable } from '../../desk/storage/durable-file';
import { DEFAULT_SCRYPT, scrypt, scryptParamsOk, type ScryptParams } from '../accounts/passwords';
import { canonicalJson } from '../store/canonical-json';
import { contentHash, keyRegistrationText, parseSignoff, signoffText, type SignoffPayload } from './signoff';

export const KEY_FORMAT = 'dangjian-desk/person-key' as const;

const B64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const StoredKeySchema = z
  .object({
    format: z.literal(KEY_FORMAT),
    version: z.literal(1),
    algorithm: z.literal('ed25519'),
    publicKey: B64.min(40).max(200),
    kdf: z
      .object({
        name: z.literal('scrypt'),
        N: z.number().int(),
        r: z.number().int(),
        p: z.number().int(),
        salt: B64.min(16).max(200),
      })
      .strict()
      .refine((k) => scryptParamsOk(k), 'scrypt parameters out of range'),
    cipher: z.object({ name: z.literal('aes-256-gcm'), nonce: B64.length(16), tag: B64.length(24) }).strict(),
    encryptedPrivateKey: B64.min(40).max(400),
  })
  .strict();
export type StoredKey = z.infer<typeof StoredKeySchema>;

/** An unlocked key: held in memory of the desktop's main process only. */
export type UnlockedKey = { publicKey: string; privateKey: KeyObject };

const wrongPassword = () =>
  new DeskError(
    'invalid-input',
    'error.keyPassword',
    {},
    'The password does not unlock the signing key kept on this computer; nothing was signed and the key file was not changed.',
  );

function additionalData(
  stored: Omit<StoredKey, 'cipher' | 'encryptedPrivateKey'> & { nonce: string },
): Buffer {
  const { format, version, algorithm, publicKey, kdf, nonce } = stored;
  return Buffer.from(canonicalJson({ format, version, algorithm, publicKey, kdf, nonce }), 'utf8');
}

async function seal(privateKey: KeyObject, publicKey: string, password: string, params: ScryptParams) {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const key = await scrypt(password, salt, params);
  const head = {
    format: KEY_FORMAT,
    version: 1 as const,
    algorithm: 'ed25519' as const,
    publicKey,
    kdf: { name: 'scrypt' as const, ...params, salt: salt.toString('base64') },
  };
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(additionalData({ ...head, nonce: nonce.toString('base64') }));
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const data = Buffer.concat([cipher.update(der), cipher.final()]);
  der.fill(0);
  key.fill(0);
  const stored: StoredKey = {
    ...head,
    cipher: {
      name: 'aes-256-gcm',
      nonce: nonce.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
    encryptedPrivateKey: data.toString('base64'),
  };
  return stored;
}

/** A new key pair for a person, the private half encrypted under their password. */
export async function generatePersonKey(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<{ stored: StoredKey; unlocked: UnlockedKey }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return {
    stored: await seal(privateKey, spki, password, params),
    unlocked: { publicKey: spki, privateKey },
  };
}

/** Decrypts the private key with the password; a wrong password (or a changed file) is refused. */
export async function unlockPersonKey(input: unknown, password: string): Promise<UnlockedKey> {
  const parsed = StoredKeySchema.safeParse(input);
  if (!parsed.success)
    throw new DeskError(
      'damaged',
      'error.keyDamaged',
      {},
      `The signing key kept on this computer is not in a form this desk reads (${parsed.error.issues[0]?.message ?? 'unknown'}); it was left as it is.`,
    );
  const stored = parsed.data;
  const key = await scrypt(password, Buffer.from(stored.kdf.salt, 'base64'), stored.kdf);
  let der: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(stored.cipher.nonce, 'base64'));
    decipher.setAAD(additionalData({ ...stored, nonce: stored.cipher.nonce }));
    decipher.setAuthTag(Buffer.from(stored.cipher.tag, 'base64'));
    der = Buffer.concat([
      decipher.update(Buffer.from(stored.encryptedPrivateKey, 'base64')),
      decipher.final(),
    ]);
  } catch {
    throw wrongPassword();
  } finally {
    key.fill(0);
  }
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  const derived = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  if (privateKey.asymmetricKeyType !== 'ed25519' || derived !== stored.publicKey) throw wrongPassword();
  return { publicKey: stored.publicKey, privateKey };
}

/** After a password change: the same key pair, encrypted under the new password (fresh salt and nonce). */
export async function reencryptPersonKey(
  stored: unknown,
  oldPassword: string,
  newPassword: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<StoredKey> {
  const { privateKey, publicKey } = await unlockPersonKey(stored, oldPassword);
  return seal(privateKey, publicKey, newPassword, params);
}

function signText(key: UnlockedKey, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64');
}

/** The signature (base64) of a sign-off payload, over its canonical text. */
export function signSignoff(key: UnlockedKey, payload: SignoffPayload): string {
  return signText(key, signoffText(payload));
}

/**
 * The desktop's answer to the server's sign challenge: the signature of `text`, made only when it
 * is a canonical sign-off of the story and revision the person has open and its content hash is
 * the hash of the text they read (`shown.content`, as the server sent it). A payload for any other
 * text is refused, so a server (or anyone between) cannot have a person sign what they did not see.
 */
export function signChallenge(
  key: UnlockedKey,
  text: string,
  shown: { storyId: string; revision: number; content: unknown },
): string {
  const payload = parseSignoff(text);
  if (!payload)
    throw new DeskError(
      'invalid-input',
      'error.signoffMalformed',
      {},
      'The newsroom asked to sign something that is not a sign-off in canonical form; nothing was signed.',
    );
  if (
    payload.storyId !== shown.storyId ||
    payload.revision !== shown.revision ||
    payload.contentHash !== contentHash(shown.content)
  )
    throw new DeskError(
      'conflict',
      'error.signoffNotShown',
      { id: shown.storyId, rev: shown.revision },
      `The sign-off the newsroom sent is for another text than revision ${shown.revision} of story ${shown.storyId} on this screen; nothing was signed. Reload the story and read it again.`,
    );
  return signText(key, text);
}

/** The proof that goes with registering the public key at the server. */
export function signKeyRegistration(key: UnlockedKey, personId: string): string {
  return signText(key, keyRegistrationText(personId, key.publicKey));
}

/** Keeps the encrypted key in a file only its owner can read (written atomically and durably). */
export async function savePersonKey(path: string, stored: StoredKey): Promise<void> {
  await writeFileDurable(path, `${JSON.stringify(stored, null, 2)}\n`, 0o600);
  await chmod(path, 0o600);
}

/** The encrypted key kept at `path`, or null when there is none; a damaged file is reported, never replaced. */
export async function loadPersonKey(path: string): Promise<StoredKey | null> {
  return readJsonFile(path, StoredKeySchema);
}

/**
 * The signing key file of one person on one desktop (where it lives is the connect flow's choice):
 * made once, unlocked with the password, re-encrypted when the password changes. An existing key
 * is never overwritten by a new one: a new key is a deliberate replacement (and a new registration).
 */
export class SigningKeyFile {
  readonly path: string;
  readonly #params: ScryptParams;

  constructor(path: string, params: ScryptParams = DEFAULT_SCRYPT) {
    this.path = path;
    this.#params = params;
  }

  async exists(): Promise<boolean> {
    return (await stat(this.path).catch(() => null)) !== null;
  }

  /** Makes and saves the person's key pair; refused when this desktop already keeps one. */
  async create(password: string): Promise<UnlockedKey> {
    if (await this.exists())
      throw new DeskError(
        'conflict',
        'error.keyExists',
        {},
        'This computer already keeps a signing key for this person; it was not replaced. Unlock it with your password.',
      );
    const { stored, unlocked } = await generatePersonKey(password, this.#params);
    await savePersonKey(this.path, stored);
    return unlocked;
  }

  async unlock(password: string): Promise<UnlockedKey> {
    const stored = await loadPersonKey(this.path);
    if (!stored)
      throw new DeskError(
        'not-found',
        'error.keyMissing',
        {},
        'This computer keeps no signing key for this person yet; set up signing first. Nothing was signed.',
      );
    return unlockPersonKey(stored, password);
  }

  /** After the account's password changed: the same key, encrypted under the new password, saved atomically. */
  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    const stored = await loadPersonKey(this.path);
    if (!stored) return;
    await savePersonKey(this.path, await reencryptPersonKey(stored, oldPassword, newPassword, this.#params));
  }
}
