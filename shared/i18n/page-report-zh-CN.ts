/**
 * The page report's strings (issue 19): the page's own findings (check.page.*), the slot
 * roles, the totals and the error rate. Shared by the 版面 screen (renderer/src/pages
 * spreads them into its catalog) and the command line (`desk page show`), so both say
 * the same thing in the same words. Parameters are written {name}.
 */
export const pageReportZhCN = {
  'pages.role.lead': '头条',
  'pages.role.secondary': '次条',
  'pages.role.brief': '简讯',
  'pages.role.photo': '图片',
  'pages.role.box': '专栏框',
  'pages.preflight.totals': '错误 {errors} · 警告 {warnings} · 提示 {infos}',
  'pages.preflight.rate': '差错率：每万字 {rate}（{weighted} 处计权差错 / {characters} 字）',
  'pages.preflight.ratePass': '合格（≤3）',
  'pages.preflight.rateFail': '不合格（>3）',
  'check.page.slot-empty': '版位 {slot} 还没有稿件',
  'check.page.story-missing': '版位 {slot} 的稿件不存在或已在回收站',
  'check.page.not-approved': '版位 {slot} 的稿件尚未终审通过',
  'check.page.signatures-missing': '版位 {slot} 缺少签字：{levels}',
  'check.page.signatures-same-person': '版位 {slot} 的稿件有一人签了两级审签',
  'check.page.signatures-unrecorded': '版位 {slot} 的稿件没有审签记录',
  'check.page.jump-unlinked': '版位 {slot} 的转版（{page} 版）未链接到对方稿件',
  'pages.preflight.workflow': '流程与版面问题另列，不计入差错率：错误 {errors} · 警告 {warnings}',
  'pages.preflight.rateCounts': '差错率只计正文中的编校差错。',
  'check.page.story-other-page': '版位 {slot} 的稿件登记在 {page} 版，不是本版（{plan} 版）',
  'check.page.more-stories-than-slots':
    '登记在本版的稿件有 {stories} 篇，版面计划只有 {slots} 个版位；{left} 篇不在版上：{headlines}',
  'pages.new.nameInvalid': '版面名称应为一个大写字母加一到两位数字，如 B6。',
  'pages.head': '{name} 版 · {date}',
  'pages.head.rev': '第 {rev} 版修订，{by} 保存于 {at}',
  'pages.plan.noStory': '（空版位）',
  'pages.plan.count': '{count} / {budget} 字',
  'pages.plan.countOnly': '{count} 字',
  'pages.plan.noBudget': '不限',
  'pages.preflight.hard': '以下问题必须先解决，签字也不能越过：',
  'pages.preflight.clean': '没有未解决的问题。',
  'pages.preflight.signed': '签字：{list}',
  'pages.preflight.unsigned': '尚无签字',
  'error.pageStoryTwice': '稿件 {id} 在 {page} 版占了两个版位：一篇稿件只能占一个版位。版面计划没有改动。',
};
