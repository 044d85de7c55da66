/**
 * The page plan: slots in order (lead, secondary, brief, photo, box), each with its story
 * and character budget, and the story's length against it (a bar; red over budget).
 * Reorder with the ↑/↓ buttons or Alt+↑/↓ on a row (focus follows the row). Every change
 * is one save of the plan (use-page.ts).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import {
  ADDED_SLOT_ROLE,
  DEFAULT_BUDGETS,
  SLOT_ROLES,
  type PagePlan,
  type PagePlanContent,
  type PageSlot,
  type PreflightReport,
  type StorySummary,
} from '../../../shared/model';
import type { Finding } from '../../../shared/checks/finding';
import { useI18n } from '../app/i18n/i18n';
import { StatusBadge } from '../desk/StatusBadge';
import { contentOfPlan } from './use-page';

type Props = {
  plan: PagePlan;
  report: PreflightReport<Finding> | null;
  stories: StorySummary[];
  onChange: (content: PagePlanContent) => void;
  onOpenStory: (id: string) => void;
};

/** How many other stories the picker offers besides this page's own (a desk may hold thousands). */
const OTHER_STORIES = 300;

export function PagePlanEditor({ plan, report, stories, onChange, onOpenStory }: Props) {
  const { t } = useI18n();
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);
  const [focusRow, setFocusRow] = useState<number | null>(null);

  useEffect(() => {
    if (focusRow === null) return;
    rows.current[focusRow]?.focus();
    setFocusRow(null);
  }, [focusRow, plan.slots]);

  const byId = new Map(stories.map((s) => [s.id, s]));
  const placed = new Set(plan.slots.flatMap((s) => (s.storyId ? [s.storyId] : [])));
  const own = stories.filter((s) => s.page === plan.name);
  const others = stories.filter((s) => s.page !== plan.name).slice(0, OTHER_STORIES);
  const counts = new Map(
    (report?.stories ?? []).flatMap((r) => (r.storyId ? [[r.storyId, r.count] as const] : [])),
  );

  const setSlots = (slots: PageSlot[]) => onChange({ ...contentOfPlan(plan), slots });
  const patch = (i: number, change: Partial<PageSlot>) =>
    setSlots(plan.slots.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= plan.slots.length) return;
    const slots = [...plan.slots];
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
    setSlots(slots);
    setFocusRow(j);
  };
  const remove = (i: number) => {
    setSlots(plan.slots.filter((_, j) => j !== i));
    setFocusRow(Math.min(i, plan.slots.length - 2));
  };
  const add = () => {
    setSlots([
      ...plan.slots,
      { role: ADDED_SLOT_ROLE, storyId: null, budget: DEFAULT_BUDGETS[ADDED_SLOT_ROLE] },
    ]);
    setFocusRow(plan.slots.length);
  };

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, i: number) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(i, event.key === 'ArrowUp' ? -1 : 1);
  };

  const option = (s: StorySummary) => (
    <option key={s.id} value={s.id} disabled={placed.has(s.id)}>
      {(s.headline || t('list.untitled')) + (s.page && s.page !== plan.name ? ` · ${s.page}` : '')}
    </option>
  );

  return (
    <section className="page-plan" aria-labelledby="page-plan-title">
      <div className="page-section-head">
        <h2 id="page-plan-title">{t('pages.plan.title')}</h2>
        <span className="muted">{t('pages.plan.hint')}</span>
      </div>
      <table className="slot-table" data-testid="slot-table">
        <thead>
          <tr>
            <th scope="col">{t('pages.plan.slot')}</th>
            <th scope="col">{t('pages.plan.role')}</th>
            <th scope="col">{t('pages.plan.story')}</th>
            <th scope="col">{t('pages.plan.budget')}</th>
            <th scope="col">{t('pages.plan.length')}</th>
            <th scope="col">
              <span className="sr-only">{t('pages.plan.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.slots.map((slot, i) => {
            const n = i + 1;
            const story = slot.storyId ? byId.get(slot.storyId) : undefined;
            const count = slot.storyId ? (counts.get(slot.storyId) ?? story?.chars ?? 0) : 0;
            const over = slot.budget !== null && count > slot.budget;
            return (
              <tr
                key={`${i}-${slot.storyId ?? 'empty'}`}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                tabIndex={-1}
                className={`slot-row${over ? ' over' : ''}`}
                data-testid="slot-row"
                data-story-id={slot.storyId ?? ''}
                onKeyDown={(e) => onRowKey(e, i)}
              >
                <td className="slot-n">{n}</td>
                <td>
                  <select
                    aria-label={`${t('pages.plan.role')} ${n}`}
                    value={slot.role}
                    data-testid="slot-role"
                    onChange={(e) => patch(i, { role: e.target.value as PageSlot['role'] })}
                  >
                    {SLOT_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`pages.role.${role}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="slot-story">
                  <select
                    aria-label={`${t('pages.plan.story')} ${n}`}
                    value={slot.storyId ?? ''}
                    data-testid="slot-story"
                    onChange={(e) => patch(i, { storyId: e.target.value || null })}
                  >
                    <option value="">{t('pages.plan.noStory')}</option>
                    {slot.storyId && !story && (
                      <option value={slot.storyId}>{t('pages.plan.missing', { id: slot.storyId })}</option>
                    )}
                    {own.length > 0 && <optgroup label={plan.name}>{own.map(option)}</optgroup>}
                    {others.length > 0 && (
                      <optgroup label={t('pages.plan.story')}>{others.map(option)}</optgroup>
                    )}
                  </select>
                  {story && (
                    <span className="slot-story-meta">
                      <StatusBadge status={story.status} />
                      <button type="button" className="link" onClick={() => onOpenStory(story.id)}>
                        {t('pages.plan.open')}
                      </button>
                    </span>
                  )}
                </td>
                <td>
                  <BudgetInput
                    label={`${t('pages.plan.budget')} ${n}`}
                    placeholder={t('pages.plan.noBudget')}
                    value={slot.budget}
                    onCommit={(budget) => patch(i, { budget })}
                  />
                </td>
                <td className="slot-length" data-testid="slot-length" data-over={over ? 'true' : 'false'}>
                  {slot.storyId && (
                    <>
                      {slot.budget !== null && (
                        <progress
                          className={`length-bar${over ? ' over' : ''}`}
                          max={Math.max(1, slot.budget)}
                          value={Math.min(count, slot.budget)}
                          aria-hidden="true"
                        />
                      )}
                      <span className="length-number">
                        {slot.budget !== null
                          ? t('pages.plan.count', { count, budget: slot.budget })
                          : t('pages.plan.countOnly', { count })}
                      </span>
                      {over && (
                        <span className="length-over">
                          {t('pages.plan.over', { over: count - slot.budget! })}
                        </span>
                      )}
                    </>
                  )}
                </td>
                <td className="slot-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('pages.plan.up', { n })}
                    title={t('pages.plan.up', { n })}
                    disabled={i === 0}
                    data-testid="slot-up"
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('pages.plan.down', { n })}
                    title={t('pages.plan.down', { n })}
                    disabled={i === plan.slots.length - 1}
                    data-testid="slot-down"
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('pages.plan.remove', { n })}
                    title={t('pages.plan.remove', { n })}
                    data-testid="slot-remove"
                    onClick={() => remove(i)}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="slot-add" data-testid="slot-add" onClick={add}>
        {t('pages.plan.add')}
      </button>
    </section>
  );
}

/** A budget field saved when it is left or Enter is pressed, not on every keystroke. */
function BudgetInput(props: {
  label: string;
  placeholder: string;
  value: number | null;
  onCommit: (value: number | null) => void;
}) {
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  useEffect(() => setText(props.value === null ? '' : String(props.value)), [props.value]);
  const commit = () => {
    const trimmed = text.trim();
    const n = Math.round(Number(trimmed));
    const next = trimmed === '' ? null : Number.isFinite(n) ? Math.max(0, Math.min(100000, n)) : props.value;
    setText(next === null ? '' : String(next));
    if (next !== props.value) props.onCommit(next);
  };
  return (
    <input
      className="slot-budget"
      type="number"
      min={0}
      max={100000}
      step={50}
      aria-label={props.label}
      placeholder={props.placeholder}
      value={text}
      data-testid="slot-budget"
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}
