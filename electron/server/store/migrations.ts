/**
 * The newsroom store's schema, as versioned migrations the server applies itself at start
 * (issue 17). The pending migrations run in one transaction, each recording its version in
 * `schema_migrations`; applying twice changes nothing; a database migrated by a newer build
 * is refused rather than written by code that does not know its tables.
 *
 * Migrations are append-only: a shipped one is never edited, a change is a new version.
 */
import type pg from 'pg';

export type Migration = { version: number; name: string; sql: string };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'people, accounts, sessions, stories, locks, signatures, comments, audit',
    sql: `
create table people (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  name text not null check (length(name) between 1 and 80),
  roles text[] not null default '{}',
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

-- One sign-in account per person. password_hash is "scrypt$N$r$p$salt$hash" (base64url), so the
-- parameters travel with each hash and can be raised later without invalidating the old ones.
create table accounts (
  person_id text primary key references people(id),
  password_hash text not null,
  must_change boolean not null default false,
  failed_attempts integer not null default 0 check (failed_attempts >= 0),
  locked_at timestamptz,
  password_changed_at timestamptz not null default now()
);

-- Every login attempt, for the rate limits per account and per address (and for the admin).
create table login_attempts (
  id bigserial primary key,
  login text not null,
  address text not null,
  ok boolean not null,
  at timestamptz not null default now()
);
create index login_attempts_login_at on login_attempts (login, at);
create index login_attempts_address_at on login_attempts (address, at);

-- Sessions: only the SHA-256 of the random token is stored; the token itself lives on the desktop.
create table sessions (
  id bigserial primary key,
  token_hash bytea not null unique,
  person_id text not null references people(id),
  address text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);
create index sessions_person on sessions (person_id);

-- Each person's Ed25519 public keys (the private key never leaves that person's desktop).
create table person_keys (
  id bigserial primary key,
  person_id text not null references people(id),
  public_key text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);

create table stories (
  id text primary key,
  owner_id text not null references people(id),
  revision integer not null default 0 check (revision >= 0),
  status text not null default 'draft',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);

-- Every saved revision, kept: signatures and the audit name a revision and its content hash.
create table story_revisions (
  story_id text not null references stories(id),
  revision integer not null check (revision >= 1),
  content jsonb not null,
  content_hash text not null,
  saved_by text not null references people(id),
  saved_at timestamptz not null default now(),
  primary key (story_id, revision)
);

-- One writer per story: the lock belongs to a session; a take-over is recorded in the audit.
-- heartbeat_at lets the server release the lock of a vanished session after a timeout. A later
-- offline check-out is a lock with kind 'checkout' and a longer lease on the same row.
create table locks (
  story_id text primary key references stories(id),
  session_id bigint not null references sessions(id),
  person_id text not null references people(id),
  kind text not null default 'edit' check (kind in ('edit', 'checkout')),
  acquired_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now(),
  base_revision integer not null
);

-- Sign-offs: at most one per story, revision and level (the database, not the client, decides
-- which of two simultaneous signatures counts).
create table signatures (
  id bigserial primary key,
  story_id text not null references stories(id),
  revision integer not null,
  level text not null check (level in ('first', 'second', 'final')),
  decision text not null check (decision in ('approve', 'return')),
  person_id text not null references people(id),
  signed_at timestamptz not null default now(),
  payload text not null,
  signature text,
  foreign key (story_id, revision) references story_revisions (story_id, revision)
);
create unique index signatures_one_per_level on signatures (story_id, revision, level);

create table comments (
  id bigserial primary key,
  story_id text not null references stories(id),
  revision integer not null,
  person_id text not null references people(id),
  anchor jsonb,
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by text references people(id)
);
create index comments_story on comments (story_id);

-- The audit trail: append-only and hash-chained. hash = SHA-256 over the row's canonical form,
-- which includes prev_hash (the hash of the row before; 64 zeros for the first).
create table audit (
  seq bigint primary key check (seq >= 1),
  at timestamptz not null,
  actor_id text,
  action text not null,
  story_id text,
  detail jsonb not null default '{}',
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$')
);

create function audit_append_only() returns trigger language plpgsql as $fn$
begin
  raise exception 'the audit trail is append-only (% refused)', tg_op using errcode = 'P0001';
end
$fn$;
create trigger audit_no_update before update or delete on audit
  for each row execute function audit_append_only();
create trigger audit_no_truncate before truncate on audit
  for each statement execute function audit_append_only();
`,
  },
  {
    version: 2,
    name: 'signing keys, sign challenges, signatures that verify, standing sign-offs',
    sql: `
-- A person's keys over time: at most one active (revoked_at null), a public key registered once.
alter table person_keys rename column retired_at to revoked_at;
alter table person_keys add column revoked_by text references people(id);
create unique index person_keys_one_active on person_keys (person_id) where revoked_at is null;
create unique index person_keys_public_key on person_keys (public_key);

-- What the server asked a person to sign: the canonical payload with the server's timestamp and a
-- single-use nonce, for one session, one story, one key; answered once, before expires_at.
create table sign_challenges (
  nonce text primary key,
  session_id bigint not null references sessions(id),
  person_id text not null references people(id),
  story_id text not null references stories(id),
  key_id bigint not null references person_keys(id),
  payload text not null,
  issued_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index sign_challenges_expires on sign_challenges (expires_at);

-- Every sign-off and return is signed with the key it names and answers one challenge. A return,
-- or an edit after sign-off, clears the standing approvals (cleared_at) without deleting them, so
-- the record keeps every signature; at most one approval stands per story and level. This replaces
-- the per-revision index of v1, which refused signing a level again after a return when the text
-- had not changed.
alter table signatures add column key_id bigint not null references person_keys(id);
alter table signatures add column nonce text not null unique;
alter table signatures add column cleared_at timestamptz;
alter table signatures alter column signature set not null;
drop index signatures_one_per_level;
create unique index signatures_one_standing on signatures (story_id, level)
  where decision = 'approve' and cleared_at is null;
create index signatures_story on signatures (story_id);

-- A return's reason is a comment on the story, marked with the level that returned it.
alter table comments add column returned_at text check (returned_at in ('first', 'second', 'final'));
`,
  },
  {
    version: 3,
    name: 'stories: the list row of the current revision',
    // The story list's fields that come from the content (headline, byline, region, page, characters),
    // written with each revision, so listing never reads the content. Null for a story saved
    // before this version: the server fills it at the first list.
    sql: `alter table stories add column summary jsonb;`,
  },
  {
    version: 4,
    name: 'review desk: comment threads, kept submissions, pushed events for replay',
    sql: `
-- A comment answers another (a thread), and takes as much text as the desk's (5000 characters).
alter table comments add column parent_id bigint references comments(id);
alter table comments drop constraint comments_body_check;
alter table comments add constraint comments_body_check check (length(body) between 1 and 5000);

-- The last submission of a story (who, when, the note, length, photos, open findings), as the
-- desk's Submission; null before the first.
alter table stories add column submission jsonb;

-- Every pushed event with the audit seq of the change it announces, written in the change's
-- transaction, so a desk that reconnects with the last seq it saw is sent what it missed.
create table push_events (
  id bigserial primary key,
  seq bigint not null,
  at timestamptz not null default now(),
  owner_id text not null,
  status text not null,
  event jsonb not null
);
create index push_events_seq on push_events (seq);
create index push_events_at on push_events (at);
`,
  },
  {
    version: 5,
    name: 'page plans',
    sql: `
-- One plan per page and date, as the desk's PagePlan: its content (edition, slots, jumps) as JSON,
-- a revision that a save names (a stale one is refused) and the last export and publication.
create table page_plans (
  name text not null check (name ~ '^[A-Z][0-9]{1,2}$'),
  date text not null check (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  revision integer not null check (revision >= 1),
  content jsonb not null,
  updated_at timestamptz not null,
  updated_by text not null references people(id),
  exported jsonb,
  published jsonb,
  primary key (name, date)
);
`,
  },
  {
    version: 6,
    name: 'check-out: desks on locks, applied check-in operations, parallel versions',
    sql: `
-- A check-out (issue 18) is a lock of kind 'checkout' that names the desk (computer) the story went
-- to; it does not lapse. session_id stays the session it was taken in, for the record only.
alter table locks add column desk text check (desk is null or length(desk) between 1 and 100);
alter table locks add constraint locks_checkout_names_desk check ((kind = 'checkout') = (desk is not null));

-- The text a check-in could not put on top of the current revision (someone took the story over and
-- saved, or the workflow refused the edit): kept whole as a parallel version, the story in conflict
-- until someone picks one (resolution, and the revision the pick became).
create table story_conflicts (
  id bigserial primary key,
  story_id text not null references stories(id),
  base_revision integer not null,
  current_revision integer not null,
  content jsonb not null,
  content_hash text not null,
  written_by text not null references people(id),
  desk text not null,
  written_at timestamptz not null,
  arrived_at timestamptz not null,
  reason text not null check (reason in ('stale', 'locked', 'refused')),
  resolved_at timestamptz,
  resolved_by text references people(id),
  resolution text check (resolution in ('current', 'parallel', 'combined')),
  resolved_revision integer,
  foreign key (story_id, current_revision) references story_revisions (story_id, revision),
  check ((resolved_at is null) = (resolution is null))
);
create index story_conflicts_open on story_conflicts (story_id) where resolved_at is null;

-- Every check-in operation the server applied, by the id its desk gave it, with the answer it got:
-- an operation sent again (a check-in cut off and repeated) gets the same answer and changes nothing.
create table checkin_ops (
  op_id uuid primary key,
  person_id text not null references people(id),
  desk text not null,
  story_id text not null references stories(id),
  result jsonb not null,
  applied_at timestamptz not null
);
create index checkin_ops_story on checkin_ops (story_id);
`,
  },
  {
    version: 7,
    name: 'photos by content hash',
    sql: `
-- The newsroom's photos (issue 17, ADR 013 "Photos by content hash"): each stored once, under the
-- SHA-256 of its bytes, unmodified; file is its content-addressed name as desks store it
-- (<first 32 hex of sha256>.<ext>). A stored photo never changes.
create table photos (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  file text not null unique check (file ~ '^[0-9a-f]{32}[.](jpg|png|webp)$'),
  media_type text not null check (media_type in ('image/jpeg', 'image/png', 'image/webp')),
  bytes bytea not null,
  size integer not null check (size between 1 and 41943040 and size = octet_length(bytes)),
  created_by text not null references people(id),
  created_at timestamptz not null default now(),
  check (left(file, 32) = left(sha256, 32))
);
`,
  },
  {
    version: 8,
    name: "the newsroom's archive: the stories the desks archived, numbered for pulling",
    sql: `
-- Every story a desk archived (a page published, a past page imported), as the desk's archive
-- index takes it (issue 17): put once by id, numbered by seq in the order the puts committed (one
-- put at a time), so a desk pulls what came after the last seq it holds.
create table archive_entries (
  id text primary key check (length(id) between 1 and 300),
  seq bigint not null unique check (seq >= 1),
  title text not null,
  date text not null check (date = '' or date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  blocks jsonb not null check (jsonb_typeof(blocks) = 'array'),
  details jsonb,
  added_by text not null references people(id),
  desk text check (desk is null or length(desk) between 1 and 100),
  added_at timestamptz not null
);
`,
  },
];

/** The newest version this build knows (the highest, whatever the order of the list). */
export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** A database this build cannot safely use (newer schema than the code, or a damaged record). */
export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

// Serialises two servers starting on one database at once (pg_advisory_xact_lock key).
const MIGRATION_LOCK = 0x6465736b; // "desk"

/**
 * Brings the database to this build's schema. Returns the versions it applied (none when it was
 * already current). Refuses a database that records a version this build does not know.
 */
export async function migrate(
  client: pg.ClientBase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const known = new Set(migrations.map((m) => m.version));
  const applied: number[] = [];
  await client.query('begin');
  try {
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const { rows } = await client.query<{ version: number }>(
      'select version from schema_migrations order by version',
    );
    const done = new Set(rows.map((r) => r.version));
    const latest = Math.max(0, ...known);
    const unknown = rows.map((r) => r.version).filter((v) => !known.has(v));
    if (unknown.length > 0) {
      const newest = Math.max(...unknown);
      throw new SchemaError(
        newest > latest
          ? `the database's schema is version ${newest}, newer than this server (version ${latest}): upgrade the server; nothing was changed`
          : `the database records schema version ${newest}, which this server does not know: nothing was changed`,
      );
    }
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('insert into schema_migrations (version, name) values ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
  return applied;
}
