/**
 * Starts the real loopback host (`desk serve`) on a data folder, as a separate
 * process, so specs can restart it, kill it, or run two of them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type DeskHost = {
  url: string;
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
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
    },
  );
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`desk serve did not start in 30 s\n${out}\n${err}`));
    }, 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) {
        clearTimeout(timer);
        const host: DeskHost = {
          url: match[1]!,
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
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!/http:\/\/127/.test(out)) resolve({ refused: `${err}${out}`.trim() || `exit ${code}` });
    });
  });
}

export async function startHost(dataDir: string, extra: string[] = []): Promise<DeskHost> {
  const outcome = await tryStartHost(dataDir, extra);
  if ('refused' in outcome) throw new Error(`desk serve refused to start: ${outcome.refused}`);
  return outcome.host;
}
