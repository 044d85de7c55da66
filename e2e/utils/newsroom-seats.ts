/**
 * What every multi-seat spec sets up (issue 17, 18): one newsroom for the spec file (its own
 * PostgreSQL cluster and `desk server`, with its people), and desks on hosts of their own (each a
 * `desk serve` on a temp data folder), all stopped and removed after the file's tests.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestDesk } from '../../electron/server/testing';
import { contentOf, type Story } from '../../shared/model';
import { startHost, type DeskHost } from './desk-host';
import { test } from './fixtures';
import { startNewsroom, type Newsroom } from './newsroom';

export type Seats = {
  /** The newsroom (started before the file's first test). */
  readonly newsroom: Newsroom;
  /** A desk on a new data folder. */
  newDesk(): Promise<DeskHost>;
};

export function newsroomSeats(
  people: Parameters<typeof startNewsroom>[0],
  folderPrefix = 'desk-seat-',
): Seats {
  let newsroom: Newsroom | undefined;
  const hosts: DeskHost[] = [];
  test.beforeAll(async () => {
    newsroom = await startNewsroom(people);
  });
  test.afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    await newsroom?.close();
  });
  return {
    get newsroom() {
      if (!newsroom) throw new Error('the newsroom is started before the first test');
      return newsroom;
    },
    async newDesk() {
      const host = await startHost(await mkdtemp(join(tmpdir(), folderPrefix)));
      hosts.push(host);
      return host;
    },
  };
}

/** Stories written on the newsroom by hand (a person's session, no desk), one per headline, in order. */
export async function writtenByHand(by: TestDesk, headlines: string[]): Promise<Story[]> {
  const made: Story[] = [];
  for (const headline of headlines) {
    const story = await by.call<Story>('stories.create', {});
    made.push(
      await by.call<Story>('stories.save', {
        id: story.id,
        baseRev: story.rev,
        content: { ...contentOf(story), headline },
      }),
    );
  }
  return made;
}
