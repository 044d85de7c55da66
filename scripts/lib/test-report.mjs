// What a failed test said, in a few lines: `npm test` repeats it under its
// summary so that the tail of a CI log says what broke and where.
import { relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** The first lines of an error message, without colours. */
function why(message, at) {
  const lines = stripVTControlCharacters(String(message ?? ''))
    .split('\n')
    .map((l) => l.trimEnd())
    // Not the stack, nor the code frame (its `at` line below says where).
    .filter((l) => l.trim() && !/^\s*at /.test(l) && !/^\s*(>\s*)?\d*\s*\|/.test(l))
    .slice(0, 9);
  return at ? [...lines, `at ${at}`] : lines;
}

export function unitFailures(report, root) {
  return (report?.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((t) => t.status === 'failed')
      .map((t) => ({
        title: `${relative(root, file.name)} › ${t.fullName}`,
        flaky: false,
        why: why(t.failureMessages?.[0]),
      })),
  );
}

export function e2eFailures(report, root) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        // 'unexpected': failed every run; 'flaky': failed, then passed on a retry.
        if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
        const last = t.results?.find((r) => r.status !== 'passed') ?? t.results?.at(-1);
        if (!last) continue;
        const error = last.errors?.[0] ?? last.error;
        const at = error?.location ? `${relative(root, error.location.file)}:${error.location.line}` : '';
        out.push({
          title: `${spec.file}:${spec.line} › ${spec.title} (${last.status})`,
          flaky: t.status === 'flaky',
          why: why(error?.message, at),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return out;
}
