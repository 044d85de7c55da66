/**
 * The page's preflight report (issue 7): totals, the error rate per 10,000 characters
 * (domain §8), what blocks export outright, then every open finding grouped by story (in
 * slot order) and family: signatures, photos' captions and credits, length over budget,
 * duplicates across the page and the archive, the copy rules. Each item opens its story
 * and, for a place in the body, selects it there (the findings' pending reveal).
 */
import type { ReactNode } from 'react';

import { isWorkflowFinding } from '../../../shared/checks/error-rate';
import type { Finding, FindingLocation, Severity } from '../../../shared/checks/finding';
import { StoryIdSchema, type PreflightReport as Report, type StoryStatus } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { formatUpdated } from '../desk/format-time';
import { StatusBadge } from '../desk/StatusBadge';
import {
  excerpt,
  familyLabel,
  familyOf,
  familyOrder,
  findingMessage,
  whereLabel,
} from '../editor/findings/finding-text';
import { requestReveal } from '../editor/findings/pending-reveal';

type Props = {
  report: Report<Finding> | null;
  checking: boolean;
  onRecheck: () => void;
  onOpenStory: (id: string) => void;
};

const ROWS_PER_GROUP = 40;
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const PAGE_GROUP = '';

type FamilyGroup = { family: string; items: Finding[] };
type StoryGroup = { storyId: string; items: FamilyGroup[]; count: number };

function group(report: Report<Finding>): StoryGroup[] {
  const slotStories = new Set(report.stories.flatMap((s) => (s.storyId ? [s.storyId] : [])));
  const byStory = new Map<string, Finding[]>();
  // The page's workflow and plan findings are listed apart (they never enter the error rate).
  for (const f of report.findings.filter((x) => !isWorkflowFinding(x))) {
    const story = f.locations[0]?.story ?? PAGE_GROUP;
    const key = slotStories.has(story) ? story : PAGE_GROUP;
    const list = byStory.get(key);
    if (list) list.push(f);
    else byStory.set(key, [f]);
  }
  const order = [PAGE_GROUP, ...report.stories.flatMap((s) => (s.storyId ? [s.storyId] : []))];
  return order.flatMap((storyId) => {
    const findings = byStory.get(storyId);
    if (!findings) return [];
    const families = new Map<string, Finding[]>();
    for (const f of findings) {
      const family = familyOf(f.rule);
      const list = families.get(family);
      if (list) list.push(f);
      else families.set(family, [f]);
    }
    const items = [...families]
      .map(([family, list]) => ({
        family,
        items: list.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]),
      }))
      .sort((a, b) => familyOrder(a.family) - familyOrder(b.family) || (a.family < b.family ? -1 : 1));
    return [{ storyId, items, count: findings.length }];
  });
}

export function PreflightReport({ report, checking, onRecheck, onOpenStory }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!report) {
    return (
      <section className="preflight" aria-busy="true">
        <p className="muted">{t('pages.preflight.running')}</p>
      </section>
    );
  }
  const titles = new Map(
    report.stories.flatMap((s) => (s.storyId ? [[s.storyId, s.headline] as const] : [])),
  );
  const rows = new Map(report.stories.flatMap((s) => (s.storyId ? [[s.storyId, s] as const] : [])));
  const groups = group(report);

  const goTo = (location: FindingLocation) => {
    if (!StoryIdSchema.safeParse(location.story).success || !rows.has(location.story)) return;
    // The story screen's findings plugin selects a body location once the story is open.
    if (location.field === 'body') requestReveal(location);
    onOpenStory(location.story);
  };

  const rate = report.errorRate;
  const workflow = report.findings
    .filter(isWorkflowFinding)
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return (
    <section className="preflight" aria-labelledby="preflight-title" data-testid="preflight">
      <div className="page-section-head">
        <h2 id="preflight-title">{t('pages.preflight.title')}</h2>
        <button type="button" onClick={onRecheck} disabled={checking} data-testid="preflight-run">
          {checking ? t('pages.preflight.running') : t('pages.preflight.run')}
        </button>
      </div>
      <div className="preflight-summary" data-testid="preflight-summary">
        <p>
          <strong className={report.totals.errors ? 'text-error' : undefined} data-testid="preflight-totals">
            {t('pages.preflight.totals', report.totals)}
          </strong>
          <span className="muted">
            {' '}
            · {t('pages.preflight.checkedAt', { at: formatUpdated(report.checkedAt, i18n.locale) })}
          </span>
        </p>
        <p data-testid="preflight-rate">
          {t('pages.preflight.rate', {
            rate: rate.perTenThousand.toFixed(2),
            weighted: rate.weighted,
            characters: rate.characters,
          })}{' '}
          <span className={`tag ${rate.pass ? 'tag-signed' : 'tag-returned'}`}>
            {rate.pass ? t('pages.preflight.ratePass') : t('pages.preflight.rateFail')}
          </span>{' '}
          <span className="muted">{t('pages.preflight.rateCounts')}</span>
        </p>
      </div>
      {workflow.length > 0 && (
        <section className="preflight-story preflight-workflow" data-testid="preflight-workflow">
          <h3>
            <span data-testid="preflight-workflow-totals">
              {t('pages.preflight.workflow', report.workflow)}
            </span>
          </h3>
          <ul>
            {workflow.slice(0, ROWS_PER_GROUP * 2).map((f, i) => {
              const here = f.locations[0];
              const linkable = here && rows.has(here.story);
              return (
                <li key={`${f.rule}-${i}`}>
                  <PreflightItem
                    finding={f}
                    label={findingMessage(i18n, f)}
                    linkable={Boolean(linkable)}
                    onOpen={() => here && linkable && onOpenStory(here.story)}
                  />
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {report.hardBlocks.length > 0 && (
        <div className="preflight-hard" role="note" data-testid="preflight-hard">
          <p>{t('pages.preflight.hard')}</p>
          <ul>
            {report.findings
              .filter((f) => f.rule === 'page.story-missing' || f.rule === 'page.not-approved')
              .map((f, i) => (
                <li key={i}>{findingMessage(i18n, f)}</li>
              ))}
          </ul>
        </div>
      )}
      {groups.length === 0 && workflow.length === 0 && <p className="muted">{t('pages.preflight.clean')}</p>}
      {groups.map((g) => {
        const row = rows.get(g.storyId);
        return (
          <section
            key={g.storyId || 'page'}
            className="preflight-story"
            data-testid="preflight-story"
            data-story-id={g.storyId}
          >
            <h3>
              {row ? (
                <button
                  type="button"
                  className="link preflight-story-title"
                  onClick={() => onOpenStory(row.storyId!)}
                >
                  {row.slot}. {t('pages.preflight.story', { headline: row.headline || t('list.untitled') })}
                </button>
              ) : (
                <span>{t('pages.preflight.pageItems')}</span>
              )}
              {row?.status && <StatusBadge status={row.status as StoryStatus} />}
              <span className="muted preflight-count">{g.count}</span>
            </h3>
            {row && (
              <p className="muted preflight-signatures" data-testid="preflight-signatures">
                {row.signatures.length
                  ? t('pages.preflight.signed', {
                      list: row.signatures.map((s) => `${s.level} ${s.who}`).join('，'),
                    })
                  : t('pages.preflight.unsigned')}
              </p>
            )}
            {g.items.map((fg) => (
              <div
                key={fg.family}
                className="preflight-family"
                data-testid="preflight-family"
                data-family={fg.family}
              >
                <h4>
                  {familyLabel(i18n, fg.family)} <span className="muted">{fg.items.length}</span>
                </h4>
                <ul>
                  {fg.items.slice(0, ROWS_PER_GROUP).map((f, i) => {
                    const here = f.locations[0];
                    const linkable = here && rows.has(here.story);
                    const label = findingMessage(i18n, f);
                    return (
                      <li key={`${f.rule}-${i}`}>
                        <PreflightItem
                          finding={f}
                          label={label}
                          linkable={Boolean(linkable)}
                          onOpen={() => here && goTo(here)}
                        >
                          {here && here.text && (
                            <span className="preflight-where">
                              {whereLabel(i18n, here, here.story, titles, f)} · “{excerpt(here.text, 24)}”
                            </span>
                          )}
                        </PreflightItem>
                      </li>
                    );
                  })}
                </ul>
                {fg.items.length > ROWS_PER_GROUP && (
                  <p className="muted">
                    {t('pages.preflight.more', { count: fg.items.length - ROWS_PER_GROUP })}
                  </p>
                )}
              </div>
            ))}
          </section>
        );
      })}
      {report.ignored.length > 0 && (
        <details className="preflight-ignored">
          <summary>{t('pages.preflight.ignored', { count: report.ignored.length })}</summary>
          <ul>
            {report.ignored.map((x, i) => (
              <li key={i}>
                {findingMessage(i18n, x.finding)} —{' '}
                {t('pages.preflight.ignoredBy', { by: x.by, reason: x.reason })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** One finding of the report: a button to the story it is in (disabled when the story is not on the page). */
function PreflightItem({
  finding: f,
  label,
  linkable,
  onOpen,
  children,
}: {
  finding: Finding;
  label: string;
  linkable: boolean;
  onOpen: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className={`preflight-item severity-${f.severity}`}
      data-testid="preflight-item"
      data-rule={f.rule}
      data-severity={f.severity}
      disabled={!linkable}
      title={linkable ? t('pages.preflight.goTo') : undefined}
      onClick={onOpen}
    >
      <span className={`severity-dot severity-${f.severity}`} aria-hidden="true" />
      <span className="sr-only">{t(`findings.severity.${f.severity}`)}：</span>
      <span className="preflight-message">{label}</span>
      {children}
    </button>
  );
}
