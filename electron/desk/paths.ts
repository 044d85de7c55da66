import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = '党建采编台';

/**
 * The default data folder: the same place the desktop app uses
 * (Electron's userData for this product, plus "data"), so the app and
 * `desk serve` work on the same stories.
 */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.env.DESK_DATA_DIR) return process.env.DESK_DATA_DIR;
  switch (process.platform) {
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER, 'data');
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_FOLDER, 'data');
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER, 'data');
  }
}
