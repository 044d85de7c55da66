/**
 * Test fixtures of the newsroom store: people with accounts, sessions and registered signing keys,
 * and stories with saved revisions, written through the real modules (accounts, keys) on a real
 * PostgreSQL database. Only the story rows are inserted directly: saving belongs to the server's
 * story handlers, and the fixture writes what they write (content and its canonical hash).
 */
import type pg from 'pg';

import { contentOf } from '../../shared/model';
import { newStory } from '../../shared/model/new-story';
import type { StoryContent } from '../../shared/model/story';
import type { Role } from '../../shared/review/roles';
import { Accounts, type SessionPerson } from './accounts/accounts';
import { generatePersonKey, signKeyRegistration, signSignoff, type UnlockedKey } from './keys/person-key';
import { contentHash } from './keys/signoff';
import { PersonKeys } from './store/person-keys';
import type { Challenge } from './store/review';
import { FAST_SCRYPT } from './testing';

export type Desk = { who: SessionPerson; key: UnlockedKey; token: string };

/** A person with an account, signed in, with a signing key made and registered. */
export async function deskOf(
  pool: pg.Pool,
  id: string,
  name: string,
  roles: Role[],
  options: { register?: boolean; now?: () => Date } = {},
): Promise<Desk> {
  const accounts = new Accounts(pool, { scrypt: FAST_SCRYPT, ...(options.now ? { now: options.now } : {}) });
  const { password } = await accounts.createAccount(null, { id, name, roles });
  const { token } = await accounts.signIn(id, password, '127.0.0.1');
  const who = await accounts.authenticate(token);
  const { unlocked } = await generatePersonKey(password, FAST_SCRYPT);
  if (options.register !== false)
    await new PersonKeys(pool).register(who, unlocked.publicKey, signKeyRegistration(unlocked, id));
  return { who, key: unlocked, token };
}

/** What the save path stores: a story row and its revision with the canonical content hash. */
export async function saveRevision(
  pool: pg.Pool,
  storyId: string,
  by: string,
  content: StoryContent,
): Promise<number> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    await c.query(
      `insert into stories (id, owner_id, revision) values ($1, $2, 0) on conflict (id) do nothing`,
      [storyId, by],
    );
    const { rows } = await c.query<{ revision: number }>(
      'update stories set revision = revision + 1, updated_at = now() where id = $1 returning revision',
      [storyId],
    );
    const revision = rows[0]!.revision;
    await c.query(
      `insert into story_revisions (story_id, revision, content, content_hash, saved_by)
       values ($1, $2, $3, $4, $5)`,
      [storyId, revision, JSON.stringify(content), contentHash(content), by],
    );
    await c.query('commit');
    return revision;
  } catch (err) {
    await c.query('rollback');
    throw err;
  } finally {
    c.release();
  }
}

/** An invented story's content with a byline naming `bylineNames`. */
export function storyContent(headline: string, bylineNames: string[]): StoryContent {
  const story = newStory('story-fixture-1', '2026-12-07T08:00:00.000Z', 'fixture', {
    headline,
    kicker: '基层组织建设',
    byline: { credits: [{ kind: 'person', role: '记者', names: bylineNames }], position: 'top' },
  });
  return contentOf(story);
}

/** The desktop's part of a sign-off: sign the payload the server returned. */
export const signed = (desk: Desk, ch: Challenge) => ({
  nonce: ch.nonce,
  signature: signSignoff(desk.key, ch.payload),
});
