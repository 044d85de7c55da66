// Builds what a command needs, only when its sources are newer than the output,
// so `npm start`, `npm run desk` and `npm test` work right after `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.endsWith('.test.ts')) continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newest(join(ROOT, s)) > built);
}

function run(label, args) {
  process.stderr.write(`${label}…\n`);
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write(`${label} failed (exit ${result.status}); see the messages above.\n`);
    process.exit(result.status ?? 1);
  }
}

const RENDERER_SOURCES = ['renderer', 'shared', 'package.json'];

/** The renderer served by the loopback host (out/renderer). */
export function ensureRendererBuilt() {
  if (stale(join(ROOT, 'out/renderer/index.html'), RENDERER_SOURCES)) {
    run('Building the app (renderer)', [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn',
    ]);
  }
}

/** Main, preload and renderer for the Electron app (out/). */
export function ensureAppBuilt() {
  if (stale(join(ROOT, 'out/main/index.js'), ['electron', 'electron.vite.config.ts', ...RENDERER_SOURCES])) {
    run('Building the desktop app', [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  }
}
