/**
 * Password hashes of the newsroom's accounts: Node's scrypt (memory-hard), a random salt per
 * hash, the parameters stored in the hash itself ("scrypt$N$r$p$salt$key", base64url), and a
 * constant-time comparison. Raising the parameters later leaves old hashes verifiable.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export type ScryptParams = { N: number; r: number; p: number };

/** OWASP's scrypt minimum in its 32 MiB form: N 2^15, r 8, p 3 (equivalent to N 2^17, r 8, p 1). */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// scrypt needs 128 × N × r bytes; refuse a stored hash asking for more than 256 MiB.
const MAX_MEMORY = 256 * 1024 * 1024;

/** scrypt of the NFC form of the password (also derives the key that encrypts a person's signing key). */
export function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const memory = 128 * params.N * params.r;
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: memory * 2 + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** True for parameters this build accepts from a stored record (a power-of-two N, at most 256 MiB, p ≤ 16). */
export function scryptParamsOk({ N, r, p }: ScryptParams): boolean {
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0)) return false;
  return (N & (N - 1)) === 0 && 128 * N * r <= MAX_MEMORY && p <= 16;
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!scryptParamsOk({ N, r, p })) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length !== KEY_BYTES) return null;
  return { params: { N, r, p }, salt, key };
}

/** The parameters a stored hash was made with, or null when it is not one of ours. */
export function hashParams(stored: string): ScryptParams | null {
  return parse(stored)?.params ?? null;
}

/** True when the password matches the stored hash; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** A hash of nothing, verified against when the login is unknown, so its answer takes as long as a real one. */
let decoy: Promise<string> | null = null;
export function decoyHash(params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'), params);
  return decoy;
}

/** A one-time password for a new account or a reset: 20 characters from an unambiguous alphabet. */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 57).
  const out: string[] = [];
  while (out.length < 20) {
    for (const b of randomBytes(32)) {
      if (b < 228 && out.length < 20) out.push(alphabet[b % 57]!);
    }
  }
  return out.join('');
}
