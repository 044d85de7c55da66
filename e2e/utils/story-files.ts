import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Reads a story document exactly as it lies on disk in the data folder. */
export async function storyOnDisk(dataDir: string, id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dataDir, 'stories', `${id}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

export async function storyIdsOnDisk(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'stories')))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5));
}
