/**
 * The newsroom server as a real child process, for the fault tests (issue 17, 18): `desk server`
 * bundled once with esbuild, so a restart after a SIGKILL costs a fraction of a second instead of
 * a TypeScript start-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '../..');

/** Bundles `desk server --db <argv[2]> --listen 127.0.0.1:0` into `outfile`. */
export async function buildServerBundle(outfile: string): Promise<string> {
  await build({
    stdin: {
      contents: `import { runServer } from './electron/cli/commands/server';
runServer({ db: process.argv[2], listen: '127.0.0.1:0' }).then((code) => { process.exitCode = code; });`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['pg-native'],
    logLevel: 'error',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return outfile;
}

/** Starts the bundled server on database `db`; resolves once it says where it listens. */
export function startServerChild(bundle: string, db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bundle, db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening at (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}): ${out}`)));
  });
}
