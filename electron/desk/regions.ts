/**
 * The GB/T 2260 region list (resources/data/regions.json, built by
 * scripts/build-regions.mjs), read once on first use and shared by every
 * desk in the process.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DeskError } from '../../shared/api';
import { RegionIndex, type RegionData } from '../../shared/geo/regions';
import { resourcesDir } from './resources';

let loading: Promise<RegionIndex> | null = null;

export function regionIndex(): Promise<RegionIndex> {
  loading ??= readFile(join(resourcesDir(), 'data', 'regions.json'), 'utf8').then(
    (text) => new RegionIndex(JSON.parse(text) as RegionData),
    (err: unknown) => {
      loading = null;
      const detail = err instanceof Error ? err.message : String(err);
      throw new DeskError(
        'internal',
        'error.internal',
        { method: 'regions' },
        `region list unreadable: ${detail}`,
      );
    },
  );
  return loading;
}
