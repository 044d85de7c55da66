import { describe, expect, it } from 'vitest';

import { e2eFailures, unitFailures } from './test-report.mjs';

// As scripts/lib/build.mjs gives it: with a trailing slash.
const ROOT = '/src/desk/';
const red = (s) => `\u001b[31m${s}\u001b[39m`;

describe('failed tests under the summary', () => {
  it('lists a Playwright failure with its first lines and where it stopped, and nothing for passes or skips', () => {
    const report = {
      suites: [
        {
          title: 'copy-findings.spec.ts',
          file: 'copy-findings.spec.ts',
          specs: [],
          suites: [
            {
              title: 'findings',
              specs: [
                {
                  title: 'an ignore survives a reload',
                  file: 'copy-findings.spec.ts',
                  line: 18,
                  tests: [
                    {
                      status: 'unexpected',
                      results: [
                        {
                          status: 'failed',
                          errors: [
                            {
                              message: `Error: ${red('expect(locator).toHaveAttribute(expected)')}\n\nExpected: "saved"\nReceived: "unsaved"\n\n  65 |   await reload();\n> 66 |   await expect(state).toHaveAttribute('data-state', 'saved');\n     |                       ^\n    at /src/desk/e2e/copy-findings.spec.ts:66:3`,
                              location: { file: `${ROOT}e2e/copy-findings.spec.ts`, line: 66, column: 3 },
                            },
                          ],
                        },
                      ],
                    },
                  ],
                },
                {
                  title: 'passes',
                  file: 'copy-findings.spec.ts',
                  line: 90,
                  tests: [{ status: 'expected', results: [{ status: 'passed', errors: [] }] }],
                },
                {
                  title: 'skipped',
                  file: 'copy-findings.spec.ts',
                  line: 99,
                  tests: [{ status: 'skipped', results: [{ status: 'skipped', errors: [] }] }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(e2eFailures(report, ROOT)).toEqual([
      {
        title: 'copy-findings.spec.ts:18 › an ignore survives a reload (failed)',
        flaky: false,
        why: [
          'Error: expect(locator).toHaveAttribute(expected)',
          'Expected: "saved"',
          'Received: "unsaved"',
          'at e2e/copy-findings.spec.ts:66',
        ],
      },
    ]);
  });

  it('names a flaky test by the run that failed', () => {
    const report = {
      suites: [
        {
          specs: [
            {
              title: 'retried',
              file: 'a.spec.ts',
              line: 3,
              tests: [
                {
                  status: 'flaky',
                  results: [
                    { status: 'timedOut', errors: [{ message: 'Test timeout of 90000ms exceeded.' }] },
                    { status: 'passed', errors: [] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(e2eFailures(report, ROOT)).toEqual([
      { title: 'a.spec.ts:3 › retried (timedOut)', flaky: true, why: ['Test timeout of 90000ms exceeded.'] },
    ]);
  });

  it('lists a Vitest failure by file and full name', () => {
    const report = {
      testResults: [
        {
          name: `${ROOT}shared/checks/numbers.test.ts`,
          assertionResults: [
            { fullName: 'numbers keeps 6.1万', status: 'passed', failureMessages: [] },
            {
              fullName: 'numbers flags １２３',
              status: 'failed',
              failureMessages: ['AssertionError: expected 0 to be 1\n    at numbers.test.ts:12:5'],
            },
          ],
        },
      ],
    };
    expect(unitFailures(report, ROOT)).toEqual([
      {
        title: 'shared/checks/numbers.test.ts › numbers flags １２３',
        flaky: false,
        why: ['AssertionError: expected 0 to be 1'],
      },
    ]);
  });

  it('has nothing to say without a report', () => {
    expect(e2eFailures(null, ROOT)).toEqual([]);
    expect(unitFailures(undefined, ROOT)).toEqual([]);
  });
});
