/**
 * Starts the real loopback host (`desk serve`) on a data folder, as a separate
 * process, so specs can restart it, kill it, or run two of them.
 *
 * The host opens only through one-time addresses (issue 16), which it prints at
 * start and again each time Enter reaches its stdin, as a person asks for one for
 * another browser. `url` hands out one such address per read (a fresh browser
 * context can open each once; a context that holds the cookie may reuse any), kept
 * in a small pool that is refilled as it is read, so specs read it synchronously.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type DeskHost = {
  /** A one-time address of the running desk, fresh at each read (`<baseUrl>?open=<secret>`). */
  readonly url: string;
  /** The address without a secret: `GET /` there without the cookie shows how to open the desk. */
  baseUrl: string;
  /** Asks the running desk for a new one-time address (Enter on its stdin). */
  newUrl(): Promise<string>;
  dataDir: string;
  process: ChildProcess;
  /** Graceful stop (SIGTERM), as a person quitting. */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
};

export type HostOutcome = { host: DeskHost } | { refused: string };

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** One-time addresses kept ready, so `url` can be read synchronously several times in a row. */
const POOL = 8;
const OPEN_URL = /(http:\/\/127\.0\.0\.1:\d+\/)\?open=[0-9a-f]+/g;

/** Starts `desk serve`; resolves with the host, or with the message when it refused to start. */
export function tryStartHost(dataDir: string, extra: string[] = []): Promise<HostOutcome> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'electron/cli/main.ts'),
      'serve',
      '--data',
      dataDir,
      '--port',
      '0',
      ...extra,
    ],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
    },
  );
  let out = '';
  let err = '';
  let seen = 0;
  const pool: string[] = [];
  const waiting: Array<(url: string) => void> = [];
  const ask = () => {
    if (child.stdin!.writable) child.stdin!.write('\n');
  };
  const newUrl = () =>
    new Promise<string>((resolve) => {
      waiting.push(resolve);
      ask();
    });
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`desk serve did not start in 30 s\n${out}\n${err}`));
    }, 30_000);
    child.stdin!.on('error', () => {}); // the host has exited: no more addresses
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = [...out.matchAll(OPEN_URL)].map((m) => m[0]);
      for (const url of found.slice(seen)) {
        const waiter = waiting.shift();
        if (waiter) waiter(url);
        else pool.push(url);
      }
      seen = found.length;
      if (started || pool.length === 0) return;
      if (pool.length === 1) for (let i = 1; i < POOL; i++) ask();
      if (pool.length < POOL) return;
      started = true;
      clearTimeout(timer);
      const host: DeskHost = {
        get url() {
          const url = pool.shift();
          if (!url) throw new Error('no one-time address ready: use `await desk.newUrl()`');
          ask();
          return url;
        },
        baseUrl: /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1]!,
        newUrl,
        dataDir,
        process: child,
        stop: async () => {
          child.kill('SIGTERM');
          await exited(child);
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited(child);
        },
      };
      resolve({ host });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!started) resolve({ refused: `${err}${out}`.trim() || `exit ${code}` });
    });
  });
}

export async function startHost(dataDir: string, extra: string[] = []): Promise<DeskHost> {
  const outcome = await tryStartHost(dataDir, extra);
  if ('refused' in outcome) throw new Error(`desk serve refused to start: ${outcome.refused}`);
  return outcome.host;
}
