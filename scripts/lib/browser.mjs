// Finds a Chromium for the end-to-end tests and the PDF proof, in this order:
// DESK_BROWSER, the system's Chromium or Chrome, Playwright's own download. Where
// none exists it obtains one (Debian's package as root, else Playwright's
// download) or stops with one line saying what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function findBrowser() {
  const fromEnv = process.env.DESK_BROWSER;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return SYSTEM.find((p) => existsSync(p)) ?? playwrightChromium();
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function hasAptGet() {
  return (
    process.platform === 'linux' &&
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
  );
}

/** Returns a browser path, obtaining a browser where that can be done without asking. */
export function ensureBrowser() {
  const found = findBrowser();
  if (found) return found;
  if (hasAptGet() && isRoot()) {
    process.stderr.write("No Chromium found: installing Debian's chromium and fonts-noto-cjk…\n");
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', 'chromium', 'fonts-noto-cjk'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    process.stderr.write("No Chromium found: downloading Playwright's Chromium…\n");
    spawnSync(
      process.execPath,
      [createRequire(import.meta.url).resolve('playwright-core/cli'), 'install', 'chromium'],
      {
        stdio: 'inherit',
      },
    );
  }
  const after = findBrowser();
  if (after) return after;
  const hint = hasAptGet()
    ? 'sudo apt-get install chromium fonts-noto-cjk'
    : 'Google Chrome or Chromium (or set DESK_BROWSER=/path/to/chrome)';
  process.stderr.write(`No Chromium or Chrome found for the tests: install ${hint}\n`);
  process.exit(1);
}
