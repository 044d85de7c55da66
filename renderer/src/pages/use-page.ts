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
      const [loaded, list] = await Promise.all([
        desk['pages.get']({ name, date }),
        desk['stories.list']({}),
      ]);
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
      // Shown at once; the desk's answer (with its new revision) replaces it.
      setPlan({ ...before, ...content });
      queue.current = queue.current.then(async () => {
        const base = planRef.current;
        if (!base) return;
        setSaving(true);
        try {
          setPlan(await desk['pages.save']({ baseRev: base.rev, content }));
          void preflight();
          onSavedRef.current?.();
        } catch (err) {
          showError(err, 'safe.pageNothingSaved');
          await reload();
        } finally {
          setSaving(false);
        }
      });
    },
    [setPlan, preflight, reload, showError],
  );

  return { plan, report, stories, checking, saving, loadError, save, reload, preflight, setPlan };
}
