/**
 * One page plan on screen: the plan, its preflight report and the stories an editor can
 * place. Every change is saved at once over the revision it was made on (saves are
 * queued, so quick reorders never race); a refused save (changed elsewhere) reloads the
 * plan and says so. The preflight runs again after each save.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { Finding } from '../../../shared/checks/finding';
import type { PagePlan, PagePlanContent, PreflightReport, StorySummary } from '../../../shared/model';
import { useFeedback } from '../app/feedback';
import { desk } from '../platform/desk-client';

export type PageRef = { name: string; date: string };

export type PageState = {
  plan: PagePlan | null;
  report: PreflightReport<Finding> | null;
  /** Live stories, newest first: the candidates for a slot. */
  stories: StorySummary[];
  checking: boolean;
  saving: boolean;
  loadError: unknown;
  save: (content: PagePlanContent) => void;
  reload: () => Promise<void>;
  preflight: () => Promise<void>;
  /** Takes a plan the desk returned (after an export or a publication). */
  setPlan: (plan: PagePlan) => void;
};

export function contentOfPlan(plan: PagePlan): PagePlanContent {
  return { name: plan.name, date: plan.date, edition: plan.edition, slots: plan.slots, jumps: plan.jumps };
}

/** `onSaved`: after each save (the list of pages shows how many slots are filled). */
export function usePage(ref: PageRef, onSaved?: () => void): PageState {
  const { showError } = useFeedback();
  const [plan, setPlanState] = useState<PagePlan | null>(null);
  const [report, setReport] = useState<PreflightReport<Finding> | null>(null);
  const [stories, setStories] = useState<StorySummary[]>([]);
  const [checking, setChecking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const planRef = useRef<PagePlan | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const checkSeq = useRef(0);
  const onSavedRef = useRef(onSaved);
  /** Changes shown but not yet saved, and the generation a refused save ends. */
  const pending = useRef(0);
  const generationRef = useRef(0);
  onSavedRef.current = onSaved;
  const { name, date } = ref;

  const setPlan = useCallback((next: PagePlan) => {
    planRef.current = next;
    setPlanState(next);
  }, []);

  const preflight = useCallback(async () => {
    const mine = ++checkSeq.current;
    setChecking(true);
    try {
      const next = await desk['pages.preflight']({ name, date });
      if (mine === checkSeq.current) setReport(next);
    } catch (err) {
      if (mine === checkSeq.current) showError(err, 'safe.pageNothingSaved', () => void preflight());
    } finally {
      if (mine === checkSeq.current) setChecking(false);
    }
  }, [name, date, showError]);

  const reload = useCallback(async () => {
    try {
      const [loaded, list] = await Promise.all([desk['pages.get']({ name, date }), desk['stories.list']({})]);
      setPlan(loaded);
      setStories(list.items);
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
      return;
    }
    await preflight();
  }, [name, date, setPlan, preflight]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const save = useCallback(
    (content: PagePlanContent) => {
      const before = planRef.current;
      if (!before) return;
      // Shown at once; saved in order, each over the revision the one before it made.
      setPlan({ ...before, ...content });
      pending.current += 1;
      const generation = generationRef.current;
      queue.current = queue.current.then(async () => {
        const base = planRef.current;
        // A refused save reloaded the plan: the changes queued behind it were made on what it showed before.
        if (!base || generation !== generationRef.current) return;
        setSaving(true);
        try {
          const saved = await desk['pages.save']({ baseRev: base.rev, content });
          pending.current -= 1;
          // Later changes still waiting keep showing, now on the saved revision.
          const latest = planRef.current;
          setPlan(pending.current > 0 && latest ? { ...saved, ...contentOfPlan(latest) } : saved);
          if (pending.current === 0) {
            void preflight();
            onSavedRef.current?.();
          }
        } catch (err) {
          generationRef.current += 1;
          pending.current = 0;
          showError(err, 'safe.pageNothingSaved');
          await reload();
        } finally {
          setSaving(pending.current > 0);
        }
      });
    },
    [setPlan, preflight, reload, showError],
  );

  return { plan, report, stories, checking, saving, loadError, save, reload, preflight, setPlan };
}
