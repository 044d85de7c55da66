/**
 * The duplicate check's evaluation report (`desk eval duplicates`, issue 15): the classes of
 * planted copy and the scores. The command line spreads it into its catalogs; the report's
 * formatter (shared/checks/duplicates/eval/evaluate.ts) takes either. Parameters are {name}.
 */
export const evalReportZhCN = {
  'eval.head': '查重测量：生成 {pages} 个版面，种子 {seed}',
  'eval.row':
    '  {name} 埋入 {planted}  查出 {found}  漏查 {missed}  不应报 {silent}  过短误报 {tooShort}  含引号名称判对 {quotedRight}/{quoted}',
  'eval.all': '合计',
  'eval.class.paragraph-twice': '段落重复',
  'eval.class.run-in-story': '稿内文字重复',
  'eval.class.run-same-paragraph': '同段文字重复',
  'eval.class.run-cross-story': '跨稿文字重用',
  'eval.class.caption-echo': '图片说明重复正文',
  'eval.class.slogan-words': '口号提法',
  'eval.class.subhead-twice': '小标题重复',
  'eval.falseAlarms': '  误报 {falseAlarms} 处；同一处复制报了不止一次 {repeated} 处',
  'eval.reference': '  穷举对照：查出 {found}，漏查 {missed}，误报 {falseAlarms}；{agreement}',
  'eval.agrees': '与查重结果一致',
  'eval.disagrees': '与查重结果有 {count} 处不一致',
  'eval.problem': '  ! 版面种子 {seed}：{what}：{detail}',
  'eval.more': '  ……另有 {count} 处',
  'eval.goalMet': '达标',
  'eval.goalNotMet': '未达标',
};
