import './findings.css';

/**
 * The findings list (issues 4 and 5): every open finding of the story grouped by
 * family (重复, 标点, 数字, 用语 …, whatever RULE_FAMILIES holds), counts per
 * severity, each with its message, the exact text and where it is. A click shows it
 * in the body (REVEAL_FINDING_COMMAND), a fix button applies a safe fix
 * (APPLY_FINDING_FIX_COMMAND for the body; the draft for headline fields and
 * captions), and "ignore" records the decision with a reason on the story
 * (StoryContent.ignored). Ignored findings sit in a collapsed group with their
 * reason and can be brought back. Nodes are never touched from here (style.md §5).
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { memo, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';

import { applyFix } from '../../../shared/checks/copy-text';
import type { FindingLocation, Severity } from '../../../shared/checks/finding';
import { blocksOfBody, type IgnoredFinding, type StoryContent } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';
import { reachableElsewhere, useFindings, useFindingsApi } from '../editor/findings/FindingsContext';
import {
  excerpt,
  familyLabel,
  familyOf,
  familyOrder,
  findingMessage,
  whereLabel,
} from '../editor/findings/finding-text';
import type { ShownFinding } from '../editor/findings/findings-store';
import {
  APPLY_FINDING_FIX_COMMAND,
  REVEAL_FINDING_COMMAND,
} from '../editor/plugins/FindingsPlugin/FindingsPlugin';
import type { PanelProps } from './panel-props';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** Rows shown per group before "show all" (a pasted 20,000-character draft can have hundreds). */
const ROWS_PER_GROUP = 50;
const HEAD_FIELDS = ['kicker', 'headline', 'subheadline', 'dateline'] as const;

type Group = { family: string; items: ShownFinding[] };

/** "2026-11-22 23:29" in local time; the stored ISO text as it is when it is not a date. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function groupByFamily(items: readonly ShownFinding[]): Group[] {
  const groups = new Map<string, ShownFinding[]>();
  for (const item of items) {
    const family = familyOf(item.finding.rule);
    const list = groups.get(family);
    if (list) list.push(item);
    else groups.set(family, [item]);
  }
  return [...groups]
    .map(([family, list]) => ({ family, items: list }))
    .sort((a, b) => familyOrder(a.family) - familyOrder(b.family) || (a.family < b.family ? -1 : 1));
}

function Counts({ items }: { items: readonly ShownFinding[] }) {
  const { t } = useI18n();
  return (
    <span className="finding-counts">
      {SEVERITIES.map((severity) => {
        const n = items.filter((i) => i.finding.severity === severity).length;
        return n === 0 ? null : (
          <span
            key={severity}
            className={`finding-count sev-${severity}`}
            data-testid={`finding-count-${severity}`}
          >
            {t(`findings.severity.${severity}`)} {n}
          </span>
        );
      })}
    </span>
  );
}

/** The draft patch that applies a fix to a headline field or a caption; null when the text moved. */
function draftFix(
  draft: StoryContent,
  location: FindingLocation,
  replacement: string,
): Partial<StoryContent> | null {
  const finding = { fix: { replacement }, locations: [location] };
  const field = HEAD_FIELDS.find((f) => f === location.field);
  if (field) {
    const fixed = applyFix(draft[field], finding);
    return fixed === null ? null : { [field]: fixed };
  }
  if (location.field === 'caption' && location.paragraph !== undefined) {
    const block = blocksOfBody(draft.body)[location.paragraph];
    if (block?.type !== 'photo') return null;
    const photo = draft.photos.find((p) => p.id === block.photoId);
    const fixed = photo ? applyFix(photo.caption, finding) : null;
    if (!photo || fixed === null) return null;
    return { photos: draft.photos.map((p) => (p === photo ? { ...p, caption: fixed } : p)) };
  }
  return null;
}

function IgnoreForm({ onIgnore, onCancel }: { onIgnore: (reason: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setTried(true);
      return;
    }
    onIgnore(reason.trim());
  };
  return (
    <form className="finding-ignore-form" onSubmit={submit} data-testid="finding-ignore-form">
      <input
        autoFocus
        data-testid="finding-ignore-reason"
        aria-label={t('findings.ignoreReason')}
        placeholder={t('findings.ignoreReasonPlaceholder')}
        value={reason}
        maxLength={500}
        aria-invalid={tried && !reason.trim()}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      />
      <button type="submit" className="primary" data-testid="finding-ignore-confirm">
        {t('findings.ignoreConfirm')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('findings.cancel')}
      </button>
      {tried && !reason.trim() && <p className="field-error">{t('findings.reasonRequired')}</p>}
    </form>
  );
}

type RowActions = {
  reveal: (location: FindingLocation) => void;
  fix: (item: ShownFinding) => boolean;
  ignore: (item: ShownFinding, reason: string) => void;
};

/**
 * Memoized, with what it shows as props: a check's answer keeps the objects of
 * unchanged findings (findings-store.ts), so a new answer, the "checking" state or
 * hovering a mark re-renders only the rows that changed, not the whole list.
 */
const FindingRow = memo(function FindingRow({
  item,
  active,
  storyId,
  titles,
  readOnly,
  actions,
}: {
  item: ShownFinding;
  active: boolean;
  storyId: string;
  titles: ReadonlyMap<string, string>;
  readOnly: boolean;
  actions: RowActions;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { store } = useFindingsApi();
  const [ignoring, setIgnoring] = useState(false);
  const [refused, setRefused] = useState(false);
  const { finding, here } = item;
  const fix = finding.fix && finding.locations[0] === here ? finding.fix : undefined;
  return (
    <li
      className={`finding sev-${finding.severity}${active ? ' active' : ''}`}
      data-testid="finding"
      data-rule={finding.rule}
      data-severity={finding.severity}
      onMouseEnter={() => store.setActive(item.id)}
      onMouseLeave={() => store.setActive(null)}
    >
      <button
        type="button"
        className="finding-main"
        data-testid="finding-reveal"
        onClick={() => actions.reveal(here)}
      >
        <span className="finding-message">{findingMessage(i18n, finding)}</span>
        <span className="finding-meta">
          {here.text && <span className="finding-text">“{excerpt(here.text)}”</span>}
          <span className="finding-where">{whereLabel(i18n, here, storyId, titles, finding)}</span>
        </span>
      </button>
      {item.twins.slice(0, 3).map((twin, i) => (
        <button
          key={i}
          type="button"
          className="finding-twin"
          data-testid="finding-twin"
          disabled={twin.story !== storyId && !reachableElsewhere(twin, titles)}
          onClick={() => actions.reveal(twin)}
        >
          {t('findings.twin')} {whereLabel(i18n, twin, storyId, titles, finding)} “{excerpt(twin.text, 24)}”
        </button>
      ))}
      {!readOnly && !ignoring && (
        <div className="finding-actions">
          {fix && (
            <button
              type="button"
              className="finding-fix"
              data-testid="finding-fix"
              title={t('findings.fixTip', { from: here.text, to: fix.replacement })}
              onClick={() => setRefused(!actions.fix(item))}
            >
              {fix.replacement
                ? t('findings.fixTo', { to: excerpt(fix.replacement, 12) })
                : t('findings.fixDelete')}
            </button>
          )}
          <button
            type="button"
            className="link"
            data-testid="finding-ignore"
            onClick={() => setIgnoring(true)}
          >
            {t('findings.ignore')}
          </button>
        </div>
      )}
      {refused && <p className="field-error">{t('findings.fixRefused')}</p>}
      {ignoring && (
        <IgnoreForm
          onCancel={() => setIgnoring(false)}
          onIgnore={(reason) => {
            setIgnoring(false);
            actions.ignore(item, reason);
          }}
        />
      )}
    </li>
  );
});

function FamilyGroup({ group, children }: { group: Group; children: (items: ShownFinding[]) => ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [all, setAll] = useState(false);
  const shown = all ? group.items : group.items.slice(0, ROWS_PER_GROUP);
  return (
    <details className="findings-group" open data-testid="findings-group" data-family={group.family}>
      <summary>
        <span className="findings-group-name">{familyLabel(i18n, group.family)}</span>
        <Counts items={group.items} />
      </summary>
      <ul className="findings-list">{children(shown)}</ul>
      {shown.length < group.items.length && (
        <button type="button" className="link" onClick={() => setAll(true)}>
          {t('findings.showAll', { count: group.items.length })}
        </button>
      )}
    </details>
  );
}

export function FindingsPanel({ draft, update, readOnly }: PanelProps) {
  const [editor] = useLexicalComposerContext();
  const i18n = useI18n();
  const { t } = i18n;
  const state = useFindings();
  const { store, revealElsewhere } = useFindingsApi();
  const groups = useMemo(() => groupByFamily(state.open), [state.open]);

  const reveal = (location: FindingLocation) => {
    if (location.story !== state.storyId) {
      if (reachableElsewhere(location, state.titles)) revealElsewhere(location);
      return;
    }
    if (location.field === 'body') {
      editor.dispatchCommand(REVEAL_FINDING_COMMAND, location);
      return;
    }
    // Headline fields are plain inputs of the story screen: focus and select the text there.
    const input = document.querySelector<HTMLInputElement>(`[data-testid="field-${location.field}"]`);
    if (input) {
      input.focus();
      const at = input.value.indexOf(location.text);
      if (at >= 0) input.setSelectionRange(at, at + location.text.length);
    }
  };

  const fix = (item: ShownFinding): boolean => {
    const replacement = item.finding.fix?.replacement;
    if (replacement === undefined) return false;
    if (item.here.field === 'body') {
      return editor.dispatchCommand(APPLY_FINDING_FIX_COMMAND, { location: item.here, replacement });
    }
    const patch = draftFix(draft, item.here, replacement);
    if (patch) update(patch);
    return patch !== null;
  };

  const ignore = (item: ShownFinding, reason: string) => {
    const entry: IgnoredFinding = {
      rule: item.finding.rule,
      field: item.here.field,
      text: item.here.text,
      reason,
      by: state.user,
      at: new Date().toISOString(),
    };
    store.setActive(null);
    update((d) => ({ ignored: [...d.ignored, entry] }));
  };

  // The rows get one stable set of actions that call the latest of these (FindingRow is memoized).
  const latest = useRef<RowActions>({ reveal, fix, ignore });
  useLayoutEffect(() => {
    latest.current = { reveal, fix, ignore };
  });
  const actions = useMemo<RowActions>(
    () => ({
      reveal: (location) => latest.current.reveal(location),
      fix: (item) => latest.current.fix(item),
      ignore: (item, reason) => latest.current.ignore(item, reason),
    }),
    [],
  );

  const unignore = (entry: IgnoredFinding) =>
    update((d) => ({
      ignored: d.ignored.filter(
        (e) =>
          !(
            e.rule === entry.rule &&
            e.field === entry.field &&
            e.text === entry.text &&
            e.reason === entry.reason
          ),
      ),
    }));

  const ignoredCount = state.ignored.length + state.staleIgnores.length;

  return (
    <section className="panel findings-panel" data-testid="findings-panel" data-status={state.status}>
      <h2 className="panel-title findings-title">
        <span>{t('findings.title')}</span>
        <Counts items={state.open} />
        {state.status === 'checking' && <span className="findings-checking">{t('findings.checking')}</span>}
      </h2>
      <div className="panel-body">
        {state.open.length === 0 && state.status === 'ready' && (
          <p className="panel-empty" data-testid="findings-none">
            {t('findings.none')}
          </p>
        )}
        {groups.map((group) => (
          <FamilyGroup key={group.family} group={group}>
            {(items) =>
              items.map((item) => (
                <FindingRow
                  key={item.id}
                  item={item}
                  active={state.activeId === item.id}
                  storyId={state.storyId}
                  titles={state.titles}
                  readOnly={readOnly}
                  actions={actions}
                />
              ))
            }
          </FamilyGroup>
        ))}
        {ignoredCount > 0 && (
          <details className="findings-group findings-ignored" data-testid="findings-ignored">
            <summary>{t('findings.ignored', { count: ignoredCount })}</summary>
            <ul className="findings-list">
              {[
                ...state.ignored.map((i) => ({ entry: i.entry, shown: i.shown as ShownFinding | null })),
                ...state.staleIgnores.map((entry) => ({ entry, shown: null })),
              ].map(({ entry, shown }, i) => (
                <li key={i} className="finding ignored" data-testid="finding-ignored" data-rule={entry.rule}>
                  <div className="finding-message">
                    {shown
                      ? findingMessage(i18n, shown.finding)
                      : (i18n.tKey(`check.${entry.rule}`, {}) ?? entry.rule)}
                  </div>
                  <div className="finding-meta">
                    <span className="finding-text">“{excerpt(entry.text)}”</span>
                    {shown ? (
                      <span className="finding-where">
                        {whereLabel(i18n, shown.here, state.storyId, state.titles)}
                      </span>
                    ) : (
                      <span className="finding-where">{t('findings.ignoredGone')}</span>
                    )}
                  </div>
                  <div className="finding-reason" data-testid="finding-ignored-reason">
                    {t('findings.ignoredBy', {
                      reason: entry.reason,
                      by: entry.by || '—',
                      at: localTime(entry.at),
                    })}
                  </div>
                  {!readOnly && (
                    <div className="finding-actions">
                      <button
                        type="button"
                        className="link"
                        data-testid="finding-unignore"
                        onClick={() => unignore(entry)}
                      >
                        {t('findings.unignore')}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </section>
  );
}
