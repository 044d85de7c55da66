/**
 * What a newsroom sign-off signs (issue 17, ADR 011), shared by the desktop that signs and the
 * server and `desk audit verify` that check: the RFC 8785 canonical form of
 *
 *   { purpose, storyId, revision, contentHash, level, decision, serverTimestamp, nonce }
 *
 * `contentHash` is the SHA-256 of the canonical form of the revision's stored content, the
 * timestamp and the single-use nonce come from the server's sign challenge, and `purpose` names
 * this format, so a signature over it can never be passed off as a signature over anything else.
 * Signatures are Ed25519 (node:crypto), public keys SPKI DER in base64.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

import { z } from 'zod';

import { REVIEW_LEVELS } from '../../../shared/review/schemas';
import { canonicalJson, type JsonValue } from '../store/canonical-json';

export const SIGNOFF_PURPOSE = 'dangjian-desk/sign-off/1';
export const KEY_REGISTRATION_PURPOSE = 'dangjian-desk/key-registration/1';

const HEX64 = /^[0-9a-f]{64}$/;

export const SignoffPayloadSchema = z
  .object({
    purpose: z.literal(SIGNOFF_PURPOSE),
    storyId: z.string().min(1).max(64),
    revision: z.number().int().min(1),
    contentHash: z.string().regex(HEX64),
    level: z.enum(REVIEW_LEVELS),
    decision: z.enum(['approve', 'return']),
    serverTimestamp: z.iso.datetime(),
    nonce: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
  })
  .strict();
export type SignoffPayload = z.infer<typeof SignoffPayloadSchema>;
export type SignoffDecision = SignoffPayload['decision'];

/** The exact text that is signed: the canonical JSON of the payload. */
export function signoffText(payload: SignoffPayload): string {
  return canonicalJson(payload);
}

/** The payload of a signed text, or null when it is not a sign-off in canonical form. */
export function parseSignoff(text: string): SignoffPayload | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = SignoffPayloadSchema.safeParse(raw);
  if (!parsed.success) return null;
  return signoffText(parsed.data) === text ? parsed.data : null;
}

/**
 * SHA-256 (hex) of the canonical JSON (RFC 8785) of a story revision's content: what signatures and the
 * audit name. The content is taken as JSON sees it (undefined fields dropped), as it is stored.
 */
export function contentHash(content: unknown): string {
  const plain = JSON.parse(JSON.stringify(content)) as JsonValue;
  return createHash('sha256').update(canonicalJson(plain), 'utf8').digest('hex');
}

/** The public key of a base64 SPKI DER text, or null when it is not an Ed25519 public key. */
export function importPublicKey(spkiBase64: string): KeyObject | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(spkiBase64)) return null;
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** A short form of a public key for people to compare: the first 16 bytes of its SHA-256, grouped. */
export function keyFingerprint(spkiBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(spkiBase64, 'base64')).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)!.join(':');
}

/** True when `signatureBase64` is a valid Ed25519 signature of `text` by the key. */
export function verifyText(spkiBase64: string, text: string, signatureBase64: string): boolean {
  const key = importPublicKey(spkiBase64);
  if (!key || !/^[A-Za-z0-9+/]+={0,2}$/.test(signatureBase64)) return false;
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length !== 64) return false;
  return verify(null, Buffer.from(text, 'utf8'), key, signature);
}

/**
 * What a person signs to register a public key: it proves the desktop holds the private key
 * (a key nobody can sign with, or someone else's, cannot be registered).
 */
export function keyRegistrationText(personId: string, publicKey: string): string {
  return canonicalJson({ purpose: KEY_REGISTRATION_PURPOSE, personId, publicKey });
}
