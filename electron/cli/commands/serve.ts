import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { startHost } from '../../host/server';
import { resourcesDir } from '../../desk/resources';
import { openDeskServices, type DeskServices } from '../../desk/services';
import { dataDirOf, intOption } from '../usage';

export function rendererDir(): string {
  return process.env.DESK_RENDERER_DIR ?? join(resourcesDir(), '..', 'out', 'renderer');
}

/** The usual port, so a bookmark keeps working; any free port when it is taken. */
export const DEFAULT_PORT = 5180;

async function listen(services: DeskServices, rendererDir: string, port: number | null) {
  if (port !== null) return startHost({ services, rendererDir, port });
  try {
    return await startHost({ services, rendererDir, port: DEFAULT_PORT });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return startHost({ services, rendererDir, port: 0 });
  }
}

/** Opens the page in the person's browser where there is a desktop to open it on. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', [url]]
          : [null, []];
  if (!command) return;
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // no opener: the printed address is enough
  child.unref();
}

export async function runServe(values: Record<string, unknown>): Promise<number> {
  const dataDir = dataDirOf(values);
  const dir = rendererDir();
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(
      `desk serve: the app is not built (${dir} has no index.html); run "npm run desk -- serve" again.`,
    );
    return 1;
  }
  const services = await openDeskServices({ dataDir, transport: 'http', demo: values['no-demo'] !== true });
  const host = await listen(services, dir, values.port === undefined ? null : intOption(values, 'port', 0));
  // The one-time address is the only way in (issue 16): printed here, to the person who started the desk.
  const first = host.openUrl();
  console.log(`党建采编台 is serving at ${host.url}  (data: ${dataDir}; press Ctrl+C to stop)`);
  console.log(`Open the desk (this address works once): ${first}`);
  console.log('For another browser, press Enter here: a new one-time address is printed.');
  if (values.open === true) openInBrowser(first);
  const printNewUrl = () => console.log(`New one-time address: ${host.openUrl()}`);
  // Enter on the terminal, or SIGUSR1 for a desk started in the background.
  createInterface({ input: process.stdin }).on('line', printNewUrl);
  if (process.platform !== 'win32') process.on('SIGUSR1', printNewUrl);

  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await services.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise(() => {});
  return 0;
}
