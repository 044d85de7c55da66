import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { startHost } from '../../host/server';
import { resourcesDir } from '../../desk/resources';
import { openDeskServices } from '../../desk/services';
import { dataDirOf, intOption } from '../usage';

export function rendererDir(): string {
  return process.env.DESK_RENDERER_DIR ?? join(resourcesDir(), '..', 'out', 'renderer');
}

export async function runServe(values: Record<string, unknown>): Promise<number> {
  const dataDir = dataDirOf(values);
  const dir = rendererDir();
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`desk serve: the app is not built (${dir} has no index.html); run "npm run desk -- serve" again.`);
    return 1;
  }
  const services = await openDeskServices({ dataDir, transport: 'http', demo: values['no-demo'] !== true });
  const host = await startHost({ services, rendererDir: dir, port: intOption(values, 'port', 0) });
  console.log(`党建采编台 is serving at ${host.url}  (data: ${dataDir}; press Ctrl+C to stop)`);

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
