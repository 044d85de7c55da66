/** English words of the duplicate check's evaluation report (`desk eval duplicates`); the same keys as eval-report-zh-CN.ts. */
import type { evalReportZhCN } from './eval-report-zh-CN';

export const evalReportEn: { readonly [K in keyof typeof evalReportZhCN]: string } = {
  'eval.head': 'duplicate check on {pages} generated pages, seed {seed}',
  'eval.row':
    '  {name} planted {planted}  found {found}  missed {missed}  must-not-flag {silent}  too-short flagged {tooShort}  quoted right {quotedRight}/{quoted}',
  'eval.all': 'all',
  'eval.class.paragraph-twice': 'paragraph-twice',
  'eval.class.run-in-story': 'run-in-story',
  'eval.class.run-same-paragraph': 'run-same-paragraph',
  'eval.class.run-cross-story': 'run-cross-story',
  'eval.class.caption-echo': 'caption-echo',
  'eval.class.slogan-words': 'slogan-words',
  'eval.class.subhead-twice': 'subhead-twice',
  'eval.falseAlarms': '  false alarms {falseAlarms}; copies reported more than once {repeated}',
  'eval.reference': '  reference: found {found}, missed {missed}, false alarms {falseAlarms}; {agreement}',
  'eval.agrees': 'agrees with the check',
  'eval.disagrees': '{count} disagreement(s) with the check',
  'eval.problem': '  ! page seed {seed}: {what}: {detail}',
  'eval.more': '  … and {count} more',
  'eval.goalMet': 'goal met',
  'eval.goalNotMet': 'goal NOT met',
};
