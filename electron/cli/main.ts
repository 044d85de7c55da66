/**
 * The `desk` command line: `npm run desk -- <command>`.
 * Every command calls the desk services directly; none needs Electron.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { DeskError } from '../../shared/api';
import { runArchive } from './commands/archive';
import { runAudit } from './commands/audit';
import { runBench } from './commands/bench';
import { runCheck } from './commands/check';
import { runEval } from './commands/eval';
import { runExport } from './commands/export';
import { runImport } from './commands/import';
import { runList } from './commands/list';
import { runPage } from './commands/page';
import { runServe } from './commands/serve';
import { runServer } from './commands/server';
import { deskErrorText, isLocale, savedLocale, setCliLocale, t } from './i18n';
import { dataDirOf, UsageError } from './usage';

type Command = {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, unknown>, positionals: string[]): Promise<number>;
};

const DATA = { data: { type: 'string' } } as const;

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'serve the app in a browser through the loopback host',
    usage: 'desk serve [--data DIR] [--port N] [--open] [--no-demo]',
    options: { ...DATA, port: { type: 'string' }, open: { type: 'boolean' }, 'no-demo': { type: 'boolean' } },
    run: runServe,
  },
  server: {
    summary: 'run the newsroom server on PostgreSQL (several desks, real sign-in)',
    usage:
      'desk server --db postgres://… [--listen 127.0.0.1:8443] [--tls-cert FILE --tls-key FILE] [--insecure-lan]  |  desk server --db … --init-admin NAME',
    options: {
      db: { type: 'string' },
      listen: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'insecure-lan': { type: 'boolean' },
      'init-admin': { type: 'string' },
    },
    run: runServer,
  },
  import: {
    summary: 'import story files (.docx, .md, .txt), or past pages as text into the archive (--archive)',
    usage:
      'desk import [--data DIR] [--page B6] PATH...  |  desk import --archive --page B6 --date YYYY-MM-DD [--dry-run] [--json] [--data DIR] FILE...',
    options: {
      ...DATA,
      page: { type: 'string' },
      archive: { type: 'boolean' },
      date: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    run: runImport,
  },
  list: {
    summary: 'list the stories in the data folder',
    usage: 'desk list [--data DIR] [--json] [--trash]',
    options: { ...DATA, json: { type: 'boolean' }, trash: { type: 'boolean' } },
    run: runList,
  },
  check: {
    summary: 'check story files or page folders: duplicates and the copy-desk rules (exit 1 on errors)',
    usage: 'desk check [--json] [--rules duplicates,punct,numbers,…] [--archive DIR] [--data DIR] PATH...',
    options: { ...DATA, json: { type: 'boolean' }, archive: { type: 'string' }, rules: { type: 'string' } },
    run: runCheck,
  },
  archive: {
    summary: 'add published stories or past pages to the archive the duplicate check uses',
    usage:
      'desk archive add --date YYYY-MM-DD [--page B6] [--data DIR] PATH...  |  desk archive info [--data DIR]',
    options: { ...DATA, date: { type: 'string' }, page: { type: 'string' } },
    run: runArchive,
  },
  export: {
    summary:
      'write the layout package of a page (ICML, DOCX, text, images, manifest, proof.pdf); exit 1 when blocked',
    usage:
      'desk export --data DIR --page B6 --date YYYY-MM-DD --out DIR [--zip] [--no-pdf] [--force --reason "…"]',
    options: {
      ...DATA,
      page: { type: 'string' },
      date: { type: 'string' },
      out: { type: 'string' },
      zip: { type: 'boolean' },
      'no-pdf': { type: 'boolean' },
      force: { type: 'boolean' },
      reason: { type: 'string' },
    },
    run: runExport,
  },
  audit: {
    summary:
      "verify the newsroom's audit trail and every signature against the stored revision (exit 1 on a mismatch)",
    usage: 'desk audit verify --db postgres://… [--head SEQ:HASH] [--json]',
    options: { db: { type: 'string' }, head: { type: 'string' }, json: { type: 'boolean' } },
    run: runAudit,
  },
  eval: {
    summary:
      'measure the duplicate check on generated pages with planted copies, beside an exhaustive reference (exit 1 when the goal is not met)',
    usage: 'desk eval duplicates [--pages N] [--seed S] [--json]',
    options: { pages: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } },
    run: runEval,
  },
  page: {
    summary: 'make the plan of a page from its stories (plan), or print the plan and its preflight (show)',
    usage:
      'desk page plan --data DIR --page B6 --date YYYY-MM-DD [--edition …] [STORY-ID…]  |  desk page show --data DIR --page B6 --date YYYY-MM-DD [--json]',
    options: {
      ...DATA,
      page: { type: 'string' },
      date: { type: 'string' },
      edition: { type: 'string' },
      json: { type: 'boolean' },
    },
    run: runPage,
  },
  bench: {
    summary: 'run the benchmarks and print figures against their baselines',
    usage: 'desk bench [NAME...]',
    options: {},
    run: runBench,
  },
};

function help(): string {
  const lines = [
    '党建采编台 (Dangjian Desk) command line',
    '',
    'usage: npm run desk -- [--lang zh-CN|en] <command> [options]',
    '',
  ];
  for (const [name, c] of Object.entries(COMMANDS))
    lines.push(`  ${name.padEnd(8)} ${c.summary}`, `           ${c.usage}`);
  return lines.join('\n');
}

/** Takes the global `--lang zh-CN|en` (anywhere on the line) out of argv: the CLI speaks the app's language. */
function takeLang(argv: string[]): { args: string[]; given: boolean } | null {
  const out: string[] = [];
  let given = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[++i] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value === undefined && arg !== '--lang') {
      out.push(arg);
      continue;
    }
    if (value === undefined || !isLocale(value)) return null;
    setCliLocale(value);
    given = true;
  }
  return { args: out, given };
}

async function main(argv: string[]): Promise<number> {
  const lang = takeLang(argv);
  if (!lang) {
    console.error(`desk: ${t('cli.lang')}`);
    return 2;
  }
  const [name, ...rest] = lang.args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`desk: ${t('cli.unknownCommand', { name })}\n\n${help()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
    // Without --lang, a command on a data folder speaks the language the app is set to there.
    if (!lang.given && 'data' in command.options) {
      const saved = savedLocale(dataDirOf(values));
      if (saved) setCliLocale(saved);
    }
    return await command.run(values, positionals);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`desk ${name}: ${(err as Error).message}\n${t('cli.usage', { usage: command.usage })}`);
      return 2;
    }
    if (err instanceof DeskError) {
      console.error(`desk ${name}: ${deskErrorText(err)}`);
      return err.code === 'invalid-input' || err.code === 'not-found' || err.code === 'locked' ? 2 : 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
