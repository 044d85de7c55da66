#!/usr/bin/env node
// `npm start`: the desktop app when the Electron runtime is installed (fetching it
// once where the network allows), otherwise the same app served on the loopback
// host for a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { ROOT, ensureAppBuilt, ensureRendererBuilt } from './lib/build.mjs';

const ELECTRON_DIR = join(ROOT, 'node_modules/electron');
const args = process.argv.slice(2);

function electronBinary() {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

// A failed download is remembered for a day, so starts on a machine without
// access to Electron's downloads don't try again each time.
const FETCH_FAILED = join(ROOT, 'node_modules/.cache/dangjian-desk/electron-fetch-failed');
const RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

function fetchElectron() {
  if (!existsSync(join(ELECTRON_DIR, 'install.js')) || process.env.DESK_NO_ELECTRON) return false;
  if (existsSync(FETCH_FAILED) && Date.now() - statSync(FETCH_FAILED).mtimeMs < RETRY_AFTER_MS) return false;
  process.stderr.write('Fetching the Electron runtime (once)…\n');
  const result = spawnSync(process.execPath, [join(ELECTRON_DIR, 'install.js')], {
    cwd: ELECTRON_DIR,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 10 * 60_000,
  });
  if (result.status === 0) return true;
  mkdirSync(dirname(FETCH_FAILED), { recursive: true });
  writeFileSync(FETCH_FAILED, String(result.stderr ?? '').slice(-2000));
  return false;
}

let bin = electronBinary();
if (!bin && fetchElectron()) bin = electronBinary();

if (bin) {
  ensureAppBuilt();
  const child = spawn(bin, [ROOT, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'The Electron runtime is not installed (it could not be downloaded here); serving the same app in your browser instead.',
  );
  ensureRendererBuilt();
  const child = spawn(process.execPath, [join(ROOT, 'scripts/desk.mjs'), 'serve', '--open', ...args], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
