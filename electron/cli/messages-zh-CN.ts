/**
 * The command line's own strings (zh-CN, the default, as in the app). The page report's
 * strings come from shared/i18n, the same the 版面 screen shows. Parameters are {name}.
 */
import { findingsZhCN } from '../../shared/i18n/findings-zh-CN';
import { pageReportZhCN } from '../../shared/i18n/page-report-zh-CN';

export const cliZhCN = {
  ...findingsZhCN,
  ...pageReportZhCN,
  'cli.usage': '用法：{usage}',
  'cli.lang': '--lang 只能是 zh-CN 或 en',
  'cli.unknownCommand': '没有 “{name}” 这个命令',
  'cli.check.summary': '{stories} 篇稿件：错误 {errors} 处，警告 {warnings} 处',
  'cli.check.summaryArchive':
    '{stories} 篇稿件：错误 {errors} 处，警告 {warnings} 处（已与资料库 {archived} 篇稿件比对）',

  'cli.error.dataLocked':
    '数据文件夹 {dataDir} 正在使用中：进程 {pid} 占用着它。没有做任何改动。请关闭另一个采编台窗口（或该进程）后再试。',
  'cli.error.dataLockBusy':
    '没能取得数据文件夹 {dataDir} 的锁：其他进程不断占用它。没有做任何改动，请再试一次。',
  'cli.error.invalidInput': '{method} 的输入不对：{issues}。没有保存任何改动。',
  'cli.error.pageNotFound':
    '找不到 {page} 版（{date}）的版面计划。用 desk page plan --page {page} --date {date} 制作（不列稿件编号时，取登记在该版的稿件）。',
  'cli.error.pageConflict':
    '{page} 版（{date}）的计划刚在别处被修改（现为第 {rev} 版修订），没有覆盖它。请重新运行命令。',
  'cli.error.exportBlocked':
    '{page} 版（{date}）没有导出：还有 {count} 个问题需要处理。用 desk page show 查看付排前检查。',

  'cli.page.action': '请写 plan 或 show',
  'cli.page.date': '--date 应为出版日期 YYYY-MM-DD，如 2026-11-22',
  'cli.page.edition': '--edition 最多 60 个字',
  'cli.page.idsOnShow': 'desk page show 不接受稿件编号',
  'cli.page.noStories':
    '没有登记在 {page} 版的稿件，版面计划没有保存。先用 desk import --page {page} 导入稿件，或在命令后列出稿件编号。',
  'cli.page.unknownStory': '没有编号为 {id} 的稿件（desk list 列出全部编号）。版面计划没有改动。',
  'cli.page.trashedStory': '稿件 {id} 在回收站里，不能上版。版面计划没有改动。',
  'cli.page.planned':
    '已保存 {page} 版（{date}）的版面计划（第 {rev} 版修订）：{filled} 篇稿件占 {slots} 个版位。',
  'cli.page.edition.line': '版名：{edition}',
  'cli.page.slot': '{slot}. {role}  {story}  {count}',
  'cli.page.slotStory': '《{headline}》 {id} [{status}]',
  'cli.page.findings': '付排前检查：',
  'cli.page.workflowHead': '流程与版面（不计入差错率）：',
  'cli.page.textHead': '正文编校：',
  'cli.page.finding': '  {severity}  {rule}  {message}{where}',
  'cli.page.where': '  （版位 {slot}：“{text}”）',
  'cli.page.ready': '检查通过，可以导出：desk export --data {data} --page {page} --date {date} --out DIR',
  'cli.page.needsOverride': '还有 {count} 个错误未解决：导出需要编辑签字越过（--force --reason “…”）。',
  'cli.severity.error': '错误',
  'cli.severity.warning': '警告',
  'cli.severity.info': '提示',

  'cli.export.noPlan':
    '没有 {page} 版（{date}）的版面计划，没有导出。先用 desk page plan --data {data} --page {page} --date {date} 制作（不列稿件编号时，取登记在该版的稿件）。',
};
