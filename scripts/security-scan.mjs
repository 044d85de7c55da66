#!/usr/bin/env node
/**
 * Runs Electronegativity over the BUILT app (out/, plus package.json, which is
 * what goes into app.asar) and fails when it reports anything that
 * docs/security.md does not list, with a reason, as not applying to this app.
 *
 *   npm run build && npm run security          (node scripts/security-scan.mjs [--keep])
 *
 * Electronegativity itself always exits 0, so this script reads its SARIF report
 * and decides. Two things about the tool shape the way it is run:
 * - It reads only .js/.jsx/.ts/.tsx/.html/.htm/.json files, so the sandboxed
 *   preload (out/preload/index.cjs) would be skipped silently. The scan runs on a
 *   staged copy where every .cjs/.mjs file is named <file>.js.
 * - Its AST walker (estraverse) predates class private fields (#x), and a file it
 *   cannot walk is dropped from the scan with a parse error. The staged copy is
 *   therefore lowered to ES2020 syntax (same code, older syntax; vite's oxc
 *   transform). Line numbers in the findings refer to the staged copy, which
 *   --keep leaves in place. Any parse error still left fails the scan: a file the
 *   tool could not read is a file nobody checked.
 * It also tries to download translations and Electron's release list; offline,
 * it says so and carries on (the AVAILABLE_SECURITY_FIXES check then has no data).
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { tsImport } from 'tsx/esm/api';
import { transformWithOxc } from 'vite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'out');
const DOC = join(ROOT, 'docs', 'security.md');
const SECTION = /^##\s+Electronegativity checks that do not apply\s*$/m;
const keep = process.argv.includes('--keep');

const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;
const cspEvaluator = require('@doyensec/csp-evaluator');

/** The table under "## Electronegativity checks that do not apply": check id, scope, reason. */
async function readExemptions() {
  const text = await readFile(DOC, 'utf8');
  const start = text.search(SECTION);
  if (start < 0)
    throw new Error(`${relative(ROOT, DOC)} has no "## Electronegativity checks that do not apply" section`);
  const body = text.slice(start).split('\n').slice(1);
  const end = body.findIndex((line) => line.startsWith('## '));
  const exemptions = [];
  for (const line of end < 0 ? body : body.slice(0, end)) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^`[A-Z0-9_]+`$/.test(cells[1] ?? '')) continue;
    const [, id, scope, reason] = cells;
    if (!reason) throw new Error(`${relative(ROOT, DOC)}: ${id} is listed without a reason`);
    exemptions.push({ id: id.slice(1, -1), scope: scope.replace(/`/g, ''), reason });
  }
  return exemptions;
}

/** Copies out/ (and package.json) into `stage`, lowering JS and naming .cjs/.mjs as .js. */
async function stageBuild(stage) {
  const staged = new Map(); // staged relative path -> original relative path
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const from = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(from);
        continue;
      }
      const rel = relative(ROOT, from);
      const isScript = /\.(c|m)?js$/.test(entry.name);
      if (!isScript && !/\.(html?|json)$/.test(entry.name)) continue;
      const stagedRel = /\.(c|m)js$/.test(entry.name) ? `${rel}.js` : rel;
      const to = join(stage, stagedRel);
      await mkdir(dirname(to), { recursive: true });
      if (isScript) {
        const code = await readFile(from, 'utf8');
        const lowered = await transformWithOxc(code, from, {
          lang: 'js',
          target: 'es2020',
          sourcemap: false,
        });
        await writeFile(to, lowered.code);
      } else {
        await copyFile(from, to);
      }
      staged.set(stagedRel.split(sep).join('/'), rel.split(sep).join('/'));
    }
  }
  await walk(OUT);
  await copyFile(join(ROOT, 'package.json'), join(stage, 'package.json'));
  staged.set('package.json', 'package.json');
  return staged;
}

function sarifFindings(sarif, stage, staged) {
  const findings = [];
  for (const run of sarif.runs ?? []) {
    const rules = new Map((run.tool?.driver?.rules ?? []).map((r) => [r.id, r]));
    for (const result of run.results ?? []) {
      const loc = result.locations?.[0]?.physicalLocation;
      const uri = decodeURIComponent(loc?.artifactLocation?.uri ?? '').replace(/^file:\/\//, '');
      const rel = uri
        ? relative(stage, uri.startsWith('/') ? uri : join(stage, uri))
            .split(sep)
            .join('/')
        : '';
      const rule = rules.get(result.ruleId);
      findings.push({
        id: result.ruleId,
        file: staged.get(rel) ?? (rel || '(whole app)'),
        stagedFile: rel,
        line: loc?.region?.startLine ?? 0,
        level: result.level ?? rule?.defaultConfiguration?.level ?? '',
        message: result.message?.text ?? rule?.shortDescription?.text ?? '',
      });
    }
  }
  return findings;
}

/**
 * Electronegativity can judge a CSP only when it is a string literal at the
 * place it is set; ours is one constant shared with the loopback host
 * (electron/desk/content-security.ts), sent as a header on every response. So
 * this script evaluates that constant with the same evaluator the tool uses and
 * fails on anything rated HIGH_MAYBE or worse. <meta> policies in the built HTML
 * are evaluated too but only reported: the browser enforces every policy at
 * once, so a meta tag can narrow the header's policy, never widen it.
 */
async function evaluatePolicies() {
  const { CONTENT_SECURITY_POLICY } = await tsImport(
    join(ROOT, 'electron/desk/content-security.ts'),
    import.meta.url,
  );
  const policies = [
    {
      where: 'electron/desk/content-security.ts (response header)',
      policy: CONTENT_SECURITY_POLICY,
      header: true,
    },
  ];
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.html?$/.test(entry.name)) {
        const html = await readFile(path, 'utf8');
        for (const m of html.matchAll(/<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*>/gi)) {
          const content = /content="([^"]*)"|content='([^']*)'/i.exec(m[0]);
          const policy = decodeEntities(content?.[1] ?? content?.[2] ?? '');
          if (policy) policies.push({ where: `${relative(ROOT, path)} (meta)`, policy, header: false });
        }
      }
    }
  }
  await walk(OUT);
  const { severities } = cspEvaluator;
  let bad = 0;
  for (const { where, policy, header } of policies) {
    let findings;
    try {
      findings = new cspEvaluator.CspEvaluator(
        new cspEvaluator.CspParser(policy).csp,
        cspEvaluator.Version.CSP3,
      ).evaluate();
    } catch (err) {
      if (header) bad++;
      console.log(`  CSP      ${where}: cannot be parsed (${err.message})`);
      continue;
    }
    for (const f of findings) {
      // Only the header policy can fail the scan; see the comment above.
      const serious = header && f.severity <= severities.HIGH_MAYBE;
      if (serious) bad++;
      const tag = serious ? 'CSP     ' : header ? 'csp ok  ' : 'csp meta';
      console.log(`  ${tag} ${where}: ${f.directive} ${f.value ?? ''}: ${f.description}`);
    }
    if (findings.length === 0) console.log(`  csp ok   ${where}: no findings`);
  }
  return bad;
}

function firstSentence(text) {
  return /^.*?\.(?=\s|$)/.exec(text)?.[0] ?? text;
}

function decodeEntities(text) {
  return text
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function exemptionFor(finding, exemptions) {
  return exemptions.find(
    (e) =>
      e.id === finding.id &&
      (e.scope === '*' || (finding.file !== '(whole app)' && finding.file.startsWith(e.scope))),
  );
}

/**
 * Electronegativity's API resolves before its report is on disk (it writes the file
 * without waiting), so a large report can still be missing or half written: wait for
 * a complete one, up to 30 s.
 */
async function readReport(path) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function main() {
  try {
    await readdir(join(OUT, 'main'));
  } catch {
    console.error('security-scan: out/main is missing. Build first: npx electron-vite build');
    process.exit(2);
  }
  const exemptions = await readExemptions();
  const stage = await mkdtemp(join(tmpdir(), 'desk-security-'));
  const report = join(stage, 'report.sarif');
  const input = join(stage, 'app');
  try {
    const staged = await stageBuild(input);
    console.log(
      `security-scan: Electronegativity on ${staged.size} files of out/ (Electron ${electronVersion})`,
    );
    const result = await electronegativity({
      input,
      output: report,
      isSarif: true,
      isRelative: false,
      electronVersionOverride: electronVersion,
    });
    const sarif = await readReport(report);
    const findings = sarifFindings(sarif, input, staged);

    const unread = (result?.errors ?? []).filter((e) => !e.tolerable);
    const failures = [];
    console.log('');
    const weakPolicies = await evaluatePolicies();
    for (const f of findings) {
      const exemption = exemptionFor(f, exemptions);
      const where = `${f.file}${f.line ? `:${f.line}` : ''}`;
      if (exemption) {
        console.log(`  exempt  ${f.id}  ${where}\n          ${firstSentence(exemption.reason)}`);
      } else {
        failures.push(f);
        console.log(`  FINDING ${f.id} [${f.level}]  ${where}\n          ${f.message}`);
      }
    }
    for (const e of unread) {
      const rel = relative(input, e.file).split(sep).join('/');
      console.log(`  UNREAD  ${staged.get(rel) ?? rel}: ${e.message}`);
    }
    const unused = exemptions.filter((e) => !findings.some((f) => f.id === e.id));
    for (const e of unused)
      console.log(`  note    ${e.id} is exempted in docs/security.md but was not reported`);

    console.log(
      `\nsecurity-scan: ${findings.length} finding(s), ${findings.length - failures.length} exempted in docs/security.md, ` +
        `${failures.length} open, ${unread.length} file(s) the tool could not read, ` +
        `${weakPolicies} serious CSP finding(s).`,
    );
    if (keep) console.log(`security-scan: staged copy and report kept in ${stage}`);
    if (failures.length > 0 || unread.length > 0 || weakPolicies > 0) {
      console.log(
        'Fix the finding, or if it truly does not apply, add it with its reason to docs/security.md.',
      );
      process.exitCode = 1;
    }
  } finally {
    if (!keep) await rm(stage, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('security-scan failed:', err);
  process.exit(2);
});
