import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's (or the packaged app's) resources/ folder. Packaged builds set
 * DESK_RESOURCES_DIR; from source we walk up from this file until we find it.
 */
export function resourcesDir(): string {
  const fromEnv = process.env.DESK_RESOURCES_DIR;
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'resources', 'demo'))) return join(dir, 'resources');
    dir = resolve(dir, '..');
  }
  return resolve(process.cwd(), 'resources');
}
