/**
 * The newsroom's archive in PostgreSQL (issue 17): the stories every desk archived, as the desk's
 * ArchiveStore takes them (id, headline, date, blocks, region and byline), each with who put it,
 * from which desk, and when. A desk puts what it archives (`put`, idempotent by id: an id held
 * already is kept as it is) and pulls what the others put (`since`, by seq, in pages).
 *
 * `seq` numbers the entries in the order their puts committed: puts take one lock for their whole
 * transaction, so an entry with a lower seq is never committed after one with a higher seq (a
 * desk that pulled up to seq N never misses an entry numbered N or below). A put that adds
 * something is one audit entry ('archive-added') and one `archive` event to every signed-in
 * person (audience EVERYONE), in the same transaction.
 */
import type pg from 'pg';

import type {
  ArchivePutResult,
  ArchiveSincePage,
  ArchiveSyncEntry,
  ArchiveSyncStored,
} from '../../../shared/api/archive-sync-contract';
import { appendAudit } from './audit-chain';
import { EVERYONE, notifyEvent, type Actor } from './stories';
import { inTransaction } from './transaction';

// pg_advisory_xact_lock key: one put at a time, so seqs commit in order.
const ARCHIVE_LOCK = 0x61726368; // "arch"

type EntryRow = {
  id: string;
  seq: string;
  title: string;
  date: string;
  blocks: string[];
  details: ArchiveSyncEntry['details'];
  added_by: string;
  desk: string | null;
  added_at: Date;
};

function toStored(r: EntryRow): ArchiveSyncStored {
  return {
    id: r.id,
    title: r.title,
    date: r.date,
    blocks: r.blocks,
    details: r.details ?? null,
    seq: Number(r.seq),
    addedBy: r.added_by,
    desk: r.desk,
    addedAt: r.added_at.toISOString(),
  };
}

export class NewsroomArchive {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /**
   * Adds the entries whose ids the newsroom does not hold yet, numbered in the order given; an id
   * given twice counts once. Every entry is validated by the contract before it gets here.
   */
  async put(
    actor: Actor,
    entries: readonly ArchiveSyncEntry[],
    desk: string | null,
  ): Promise<ArchivePutResult> {
    const unique = [...new Map(entries.map((e) => [e.id, e])).values()];
    return inTransaction(this.#pool, async (c) => {
      await c.query('select pg_advisory_xact_lock($1)', [ARCHIVE_LOCK]);
      const { rows: head } = await c.query<{ seq: string }>(
        'select coalesce(max(seq), 0) as seq from archive_entries',
      );
      const base = Number(head[0]?.seq ?? 0);
      const { rows: held } = await c.query<{ id: string }>(
        'select id from archive_entries where id = any($1)',
        [unique.map((e) => e.id)],
      );
      const known = new Set(held.map((r) => r.id));
      const at = new Date();
      const rows = unique
        .filter((e) => !known.has(e.id))
        .map((e, i) => ({
          id: e.id,
          seq: base + i + 1,
          title: e.title,
          date: e.date,
          blocks: e.blocks,
          details: e.details ?? null,
        }));
      const { rows: added } = await c.query<{ id: string; seq: string }>(
        `insert into archive_entries (id, seq, title, date, blocks, details, added_by, desk, added_at)
         select e.id, e.seq, e.title, e.date, e.blocks, e.details, $2, $3, $4
           from jsonb_to_recordset($1::jsonb)
             as e(id text, seq bigint, title text, date text, blocks jsonb, details jsonb)
          order by e.seq
         on conflict (id) do nothing
         returning id, seq`,
        [JSON.stringify(rows), actor.person.id, desk, at],
      );
      const seqs = added.map((r) => Number(r.seq));
      const latest = seqs.length > 0 ? Math.max(...seqs) : base;
      if (added.length > 0) {
        const sorted = [...added].sort((a, b) => Number(a.seq) - Number(b.seq));
        const entry = await appendAudit(c, {
          actorId: actor.person.id,
          action: 'archive-added',
          detail: {
            count: added.length,
            first: sorted[0]!.id,
            last: sorted[sorted.length - 1]!.id,
            latest,
            desk,
          },
        });
        await notifyEvent(
          c,
          { type: 'archive', latest, at: at.toISOString() },
          { ownerId: EVERYONE, status: 'archived' },
          entry.seq,
        );
      }
      return { added: added.length, known: unique.length - added.length, latest };
    });
  }

  /** The entries after `seq`, oldest first, `limit` of them; `more` when others follow. */
  async since(seq: number, limit: number): Promise<ArchiveSincePage> {
    const { rows } = await this.#pool.query<EntryRow>(
      `select id, seq, title, date, blocks, details, added_by, desk, added_at
         from archive_entries where seq > $1 order by seq limit $2`,
      [seq, limit + 1],
    );
    const page = rows.slice(0, limit).map(toStored);
    const { rows: head } = await this.#pool.query<{ seq: string }>(
      'select coalesce(max(seq), 0) as seq from archive_entries',
    );
    return {
      entries: page,
      seq: page.length > 0 ? page[page.length - 1]!.seq : seq,
      more: rows.length > limit,
      latest: Number(head[0]?.seq ?? 0),
    };
  }
}
