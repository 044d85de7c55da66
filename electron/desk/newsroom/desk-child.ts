/**
 * A desk as a real child process, for the check-in fault test (issue 18): the desk services on a
 * data folder, bundled once with esbuild like the server's child (server-child.ts), so that a
 * restart after a SIGKILL costs a fraction of a second.
 *
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '../../..');

/**
 * Bundles the child: `node <bundle> <dataDir> <login> <password> <round>`. It signs in (which starts
 * the automatic check-in of what the outbox holds), says `signed-in`, saves each story checked out
 * to it with the headline `<round>/<storyId>` (saying `saved <headline>` once each save answered),
 * checks in keeping the stories away, says `checked-in <report>` and exits.
 */
export async function buildDeskBundle(): Promise<string> {
  // Inside the repository (out/, ignored by git), so the packages left out of the bundle resolve.
  const outfile = join(ROOT, 'out', 'test', `desk-child-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: `import { openDeskServices } from './electron/desk/services';
import { contentOf } from './shared/model';
const [dataDir, login, password, round] = process.argv.slice(2);
const services = await openDeskServices({
  dataDir, transport: 'http', demo: false,
  newsroom: { keyScrypt: { N: 2 ** 10, r: 8, p: 1 }, backoff: { firstMs: 50, maxMs: 200 }, timeoutMs: 5000 },
});
const h = services.handlers;
await h['newsroom.signIn']({ login, password });
process.stdout.write('signed-in\\n');
const { desk, away } = await h['newsroom.status']({});
const ids = away.map((e) => e.storyId).sort();
for (const id of ids) {
  const story = await h['stories.get']({ id });
  const headline = round + '/' + id;
  await h['stories.save']({ id, baseRev: story.rev, content: { ...contentOf(story), headline } });
  process.stdout.write('saved ' + headline + '\\n');
}
const report = await h['checkout.checkIn']({ desk, ops: [], keep: ids });
process.stdout.write('checked-in ' + JSON.stringify(report) + '\\n');
await services.close();`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    external: ['pg-native', 'playwright-core', 'electron'],
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __deskRequire } from 'node:module'; const require = __deskRequire(import.meta.url);",
    },
  });
  return outfile;
}

export type DeskChild = {
  child: ChildProcess;
  /** Resolves when the child printed `line` (the first word of a line); rejects when it exits first. */
  said(word: 'signed-in' | 'checked-in'): Promise<string>;
  /** Every line the child printed so far. */
  lines(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export function startDeskChild(
  bundle: string,
  args: { dataDir: string; login: string; password: string; round: number },
) {
  const child = spawn(
    process.execPath,
    [bundle, args.dataDir, args.login, args.password, String(args.round)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: ROOT,
    },
  );
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) w();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const w of [...waiters]) w();
      resolve({ code, signal });
    }),
  );
  const said = (word: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = out.split('\n').find((l) => l === word || l.startsWith(`${word} `));
        if (line !== undefined) return resolve(line.slice(word.length).trim());
        if (child.exitCode !== null || child.signalCode !== null)
          reject(new Error(`the desk exited before saying ${word}: ${out}${err}`));
      };
      waiters.push(check);
      check();
    });
  return { child, said, exited, lines: () => out.split('\n').filter(Boolean) } satisfies DeskChild;
}
