/**
 * Settings of the copy-desk checks (issue 5): one typed object with defaults, so a
 * paper can tune thresholds and switch the disputed rules off without code.
 */
import { BYLINE_ROLES } from '../model/story';
import type { Counts } from '../text/counts';
import type { Severity } from './finding';

export type SlotBudget = { min?: number; max?: number };

export type CopySettings = {
  numbers: {
    /** 约/大约 together with 余/多/左右 (domain §3: disputed): warn when true. */
    approxWithYue: boolean;
  };
  script: {
    /** Characters never reported as traditional (names the paper prints as their owners write them). */
    allow: string;
  };
  byline: {
    /** Known roles; any other role in a byline is reported as information. */
    roles: readonly string[];
    /** How a credit with names but no role is reported (printed pages do it; info by default). */
    noRoleSeverity: Severity;
  };
  length: {
    /** Which of the three counts (domain §7) length rules compare. */
    count: keyof Counts;
    /** A 消息 longer than this (in `count`) is reported as long (information). */
    newsLongChars: number;
    /** Budgets by slot number (pages get plans later); a story without a budget is not compared. */
    budgets: Readonly<Record<number, SlotBudget>>;
  };
};

export const DEFAULT_COPY_SETTINGS: CopySettings = {
  numbers: { approxWithYue: true },
  script: { allow: '' },
  byline: { roles: BYLINE_ROLES, noRoleSeverity: 'info' },
  length: { count: 'wordStyle', newsLongChars: 1000, budgets: {} },
};

export type CopySettingsPatch = { [K in keyof CopySettings]?: Partial<CopySettings[K]> };

/** The defaults with `patch` laid over them, group by group. */
export function copySettings(patch: CopySettingsPatch = {}): CopySettings {
  const d = DEFAULT_COPY_SETTINGS;
  return {
    numbers: { ...d.numbers, ...patch.numbers },
    script: { ...d.script, ...patch.script },
    byline: { ...d.byline, ...patch.byline },
    length: { ...d.length, ...patch.length },
  };
}
