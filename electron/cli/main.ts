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
import { deskErrorLines, isLocale, savedLocale, setCliLocale, t, type CliMessageKey } from './i18n';
import { termColumns } from './columns';
import { dataDirOf, UsageError } from './usage';

type Command = {
  /** Its help in the CLI's catalog: one line, the usage, and (for `desk <command> --help`) its options. */
  summary: CliMessageKey;
  usage: CliMessageKey;
  help?: CliMessageKey;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, unknown>, positionals: string[]): Promise<number>;
};

const DATA = { data: { type: 'string' } } as const;

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'cli.help.serve.summary',
    usage: 'cli.help.serve.usage',
    options: { ...DATA, port: { type: 'string' }, open: { type: 'boolean' }, 'no-demo': { type: 'boolean' } },
    run: runServe,
  },
  server: {
    summary: 'cli.help.server.summary',
    usage: 'cli.help.server.usage',
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
    summary: 'cli.help.import.summary',
    usage: 'cli.help.import.usage',
    help: 'cli.help.import.options',
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
    summary: 'cli.help.list.summary',
    usage: 'cli.help.list.usage',
    help: 'cli.help.list.options',
    options: { ...DATA, json: { type: 'boolean' }, trash: { type: 'boolean' } },
    run: runList,
  },
  check: {
    summary: 'cli.help.check.summary',
    usage: 'cli.help.check.usage',
    help: 'cli.help.check.options',
    options: { ...DATA, json: { type: 'boolean' }, archive: { type: 'string' }, rules: { type: 'string' } },
    run: runCheck,
  },
  archive: {
    summary: 'cli.help.archive.summary',
    usage: 'cli.help.archive.usage',
    help: 'cli.help.archive.options',
    options: { ...DATA, date: { type: 'string' }, page: { type: 'string' } },
    run: runArchive,
  },
  export: {
    summary: 'cli.help.export.summary',
    usage: 'cli.help.export.usage',
    help: 'cli.help.export.options',
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
    summary: 'cli.help.audit.summary',
    usage: 'cli.help.audit.usage',
    options: { db: { type: 'string' }, head: { type: 'string' }, json: { type: 'boolean' } },
    run: runAudit,
  },
  eval: {
    summary: 'cli.help.eval.summary',
    usage: 'cli.help.eval.usage',
    help: 'cli.help.eval.options',
    options: { pages: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } },
    run: runEval,
  },
  page: {
    summary: 'cli.help.page.summary',
    usage: 'cli.help.page.usage',
    help: 'cli.help.page.options',
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
    summary: 'cli.help.bench.summary',
    usage: 'cli.help.bench.usage',
    options: {},
    run: runBench,
  },
};

function help(): string {
  const lines = [t('cli.help.title'), '', t('cli.help.usage'), '', t('cli.help.commands')];
  for (const [name, c] of Object.entries(COMMANDS))
    lines.push(`  ${name.padEnd(8)} ${t(c.summary)}`, `           ${t(c.usage)}`);
  lines.push('', t('cli.help.more'), t('cli.help.lang'));
  return lines.join('\n');
}

/** `desk <command> --help`: what it does, its usage and its options. */
function commandHelp(name: string, c: Command): string {
  const own = c.help ? t(c.help).split('\n') : [];
  // --data says the same for every command, unless the command gives it a meaning of its own (check).
  const data = 'data' in c.options && !own.some((o) => o.startsWith('--data ')) ? [t('cli.help.data')] : [];
  const options = [...own, ...data];
  return [
    t('cli.labelled', { label: `desk ${name}`, text: t(c.summary) }),
    '',
    t('cli.usage', { usage: t(c.usage) }),
    ...(options.length ? ['', t('cli.help.options'), ...termColumns(options)] : []),
    '',
    t('cli.help.lang'),
  ].join('\n');
}

/** node:util parseArgs' refusals, in the CLI's language (the option named as it was written). */
function parseErrorText(err: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' ]+)/u.exec(err.message)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t('cli.usage.unknownOption', { option });
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return t(/does not take/u.test(err.message) ? 'cli.usage.optionNoValue' : 'cli.usage.optionValue', {
      option,
    });
  return err.message;
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
    console.error(t('cli.labelled', { label: 'desk', text: t('cli.lang') }));
    return 2;
  }
  const [name, ...rest] = lang.args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(
      `${t('cli.labelled', { label: 'desk', text: t('cli.unknownCommand', { name }) })}\n\n${help()}`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(name, command));
    return 0;
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
    const parseError = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (err instanceof UsageError || parseError) {
      const message = parseError ? parseErrorText(err as Error) : (err as Error).message;
      console.error(
        `${t('cli.labelled', { label: `desk ${name}`, text: message })}\n${t('cli.usage', { usage: t(command.usage) })}`,
      );
      return 2;
    }
    if (err instanceof DeskError) {
      console.error(t('cli.labelled', { label: `desk ${name}`, text: deskErrorLines(err).join('\n') }));
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
