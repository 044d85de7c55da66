/**
 * The command line's own strings (zh-CN, the default, as in the app). The page report's
 * strings come from shared/i18n, the same the 版面 screen shows. Parameters are {name}.
 */
import { evalReportZhCN } from '../../shared/i18n/eval-report-zh-CN';
import { findingsZhCN } from '../../shared/i18n/findings-zh-CN';
import { pageReportZhCN } from '../../shared/i18n/page-report-zh-CN';
import { storyImportZhCN } from '../../shared/i18n/story-import-zh-CN';

export const cliZhCN = {
  ...evalReportZhCN,
  ...findingsZhCN,
  ...pageReportZhCN,
  ...storyImportZhCN,
  // The app's own words, where the CLI says the same thing (held to the app's catalogs by i18n.test.ts).
  'status.draft': '草稿',
  'status.submitted': '已提交',
  'status.first-passed': '初审通过',
  'status.second-passed': '复审通过',
  'status.approved': '终审通过',
  'status.laid-out': '已排版',
  'status.returned': '已退回',
  'pages.export.step': '{step}（{done}/{total}）',
  'pages.export.step.story': '第 {n} 篇稿件',
  'pages.export.step.proof': '生成校样 PDF',
  'pages.export.step.package': '放入导出文件夹',
  'pages.export.overridden': '由 {by} 签字越过 {count} 个错误：{reason}',
  'pageImport.jumps': '转版',

  'cli.usage': '用法：{usage}',
  'cli.lang': '--lang 只能是 zh-CN 或 en',
  'cli.unknownCommand': '没有“{name}”这个命令',
  'cli.labelled': '{label}：{text}',
  'cli.quote': '“{text}”',
  'cli.listSeparator': '、',
  'cli.family': '{name}（{label}）',
  'cli.stop': '。',
  'cli.usage.unknownOption': '没有 {option} 这个选项',
  'cli.usage.optionValue': '{option} 后面要跟一个值',
  'cli.usage.optionNoValue': '{option} 后面不跟值',
  'cli.usage.number': '{option} 应为 0 到 65535 之间的整数',
  'cli.usage.page': '--page 写的是“{page}”，{reason}',
  'cli.usage.pageMissing': '请用 --page 写明版面，如 --page B6',
  'cli.usage.date': '--date 应为出版日期 YYYY-MM-DD，如 2026-11-22，不是“{date}”',
  'cli.usage.dateMissing': '请用 --date 写明出版日期 YYYY-MM-DD，如 2026-11-22',
  'cli.usage.extra': '多出了“{args}”，这个命令用不上它们',

  'cli.help.title': '党建采编台命令行',
  'cli.help.usage': '用法：npm run desk -- [--lang zh-CN|en] <命令> [选项]',
  'cli.help.commands': '命令：',
  'cli.help.more': '某个命令的详细说明：npm run desk -- <命令> --help',
  'cli.help.lang': '--lang zh-CN|en 可写在任何位置；不写时跟随数据文件夹里采编台设定的语言，否则用简体中文。',
  'cli.help.options': '选项：',
  'cli.help.data': '--data 数据文件夹  使用这个数据文件夹（默认为本机采编台的数据文件夹）',

  'cli.help.serve.summary': '在浏览器里使用采编台（只在本机 127.0.0.1 上提供）',
  'cli.help.serve.usage': 'desk serve [--data 数据文件夹] [--port 端口] [--open] [--no-demo]',
  'cli.help.server.summary': '运行编辑部服务器（PostgreSQL，多台采编台共用，实名登录）',
  'cli.help.server.usage':
    'desk server --db postgres://… [--listen 127.0.0.1:8443] [--tls-cert 证书文件 --tls-key 私钥文件] [--insecure-lan]  |  desk server --db … --init-admin 账号',
  'cli.help.import.summary':
    '导入稿件文件（.docx、.md、.txt）；加 --archive 时把往期版面的纯文本拆成稿件，存入资料库',
  'cli.help.import.usage':
    'desk import [--data 数据文件夹] [--page B6] 文件…  |  desk import --archive --page B6 --date YYYY-MM-DD [--dry-run] [--json] [--data 数据文件夹] 文件…',
  'cli.help.import.options':
    '--page B6  把导入的稿件登记在这一版\n--archive  把往期版面的纯文本拆成稿件，存入资料库（须写 --page 和 --date）\n--date YYYY-MM-DD  往期版面的刊出日期\n--dry-run  只列出拆分结果，不存入资料库\n--json  拆分结果按 JSON 输出，每个文件一行',
  'cli.help.list.summary': '列出数据文件夹里的稿件',
  'cli.help.list.usage': 'desk list [--data 数据文件夹] [--json] [--trash]',
  'cli.help.list.options': '--trash  列出回收站里的稿件\n--json  按 JSON 输出',
  'cli.help.check.summary': '检查稿件文件或版面文件夹：查重和编校规则（有错误时退出码为 1）',
  'cli.help.check.usage':
    'desk check [--json] [--rules duplicates,punct,numbers,…] [--archive 文件夹] [--data 数据文件夹] 路径…',
  'cli.help.check.options':
    '--rules 检查类别  只做这几类检查，用逗号隔开（默认全部）\n--archive 文件夹  另与这个文件夹里的往期稿件查重\n--data 数据文件夹  另与它的资料库查重，并用它的用语库\n--json  按 JSON 输出全部发现（{ "findings": [...] }）',
  'cli.help.archive.summary': '把已刊发的稿件或往期版面存入资料库，供查重比对',
  'cli.help.archive.usage':
    'desk archive add --date YYYY-MM-DD [--page B6] [--data 数据文件夹] 路径…  |  desk archive info [--data 数据文件夹]',
  'cli.help.archive.options':
    'add  存入稿件文件或版面文件夹（每个文件夹一个版面）\ninfo  资料库现有多少稿件\n--date YYYY-MM-DD  刊出日期\n--page B6  刊出的版面',
  'cli.help.export.summary':
    '导出一个版面的付排包（ICML、DOCX、文本、图片、清单、校样 PDF）；不能导出时退出码为 1',
  'cli.help.export.usage':
    'desk export --data 数据文件夹 --page B6 --date YYYY-MM-DD --out 文件夹 [--zip] [--no-pdf] [--force --reason “……”]',
  'cli.help.export.options':
    '--out 文件夹  付排包放到这个文件夹下\n--zip  另打一个 zip 包\n--no-pdf  不生成校样 PDF\n--force --reason “……”  编辑签字越过未解决的错误导出，理由记录在案',
  'cli.help.audit.summary': '核验编辑部的审计记录链和每个签字是否与存档的修订一致（不一致时退出码为 1）',
  'cli.help.audit.usage': 'desk audit verify --db postgres://… [--head 序号:哈希] [--json]',
  'cli.help.eval.summary':
    '用生成的版面（埋有重复文字）测量查重的效果，并与穷举比对对照（未达标时退出码为 1）',
  'cli.help.eval.usage': 'desk eval duplicates [--pages 版面数] [--seed 种子] [--json]',
  'cli.help.eval.options':
    '--pages 版面数  生成多少个版面（默认 20）\n--seed 种子  用同一种子可复现同一结果（不写时随机选一个并打印出来）\n--json  按 JSON 输出报告',
  'cli.help.page.summary': '用稿件制作版面计划（plan），或列出版面计划及付排前检查（show）',
  'cli.help.page.usage':
    'desk page plan --data 数据文件夹 --page B6 --date YYYY-MM-DD [--edition …] [稿件编号…]  |  desk page show --data 数据文件夹 --page B6 --date YYYY-MM-DD [--json]',
  'cli.help.page.options':
    'plan  制作版面计划：列出的稿件依次上版；不列稿件编号时，取登记在该版的稿件\nshow  列出版面计划和付排前检查（有未解决的问题时退出码为 1）\n--edition 版名  如“党建周刊”\n--json  按 JSON 输出',
  'cli.help.bench.summary': '运行性能测试，列出数据并与基线对照',
  'cli.help.bench.usage': 'desk bench [测试名…]',
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

  'cli.reason.ENOENT': '（没有这个文件或文件夹）',
  'cli.reason.EACCES': '（没有读取权限）',
  'cli.reason.EISDIR': '（这是文件夹，不是文件）',
  'cli.reason.ENOTDIR': '（路径中有一段不是文件夹）',
  'cli.problem': '  {where}：{message}',

  'cli.import.noFiles': '请写出要导入的文件',
  'cli.import.imported': '已导入 {file} → {id}  {headline}',
  'cli.import.readAs': '（文本编码：{encoding}）',
  'cli.import.note': '  请核对：{message}{text}',
  'cli.import.failed': '未导入 {file}。',
  'cli.import.summary': '共 {total} 个文件：{ok} 个已成为新稿件，{failed} 个未导入。',
  'cli.import.summaryAllOk': '共 {total} 个文件，都已成为新稿件。',
  'cli.split.head': '{file}：拆出 {count} 篇稿件{encoding}',
  'cli.split.story': '{n}. {headline}  （{lines}，{blocks} 段，{chars} 字）',
  'cli.split.field': '      {label} {value}',
  'cli.split.region': '{label} → {path}（{code}）',
  'cli.split.caption': '{caption} / {credit}',
  'cli.split.box': '  口号框（{lines}，不作为稿件存入）：{text}',
  'cli.split.dryRun': '试拆（--dry-run）：没有存入资料库。',
  'cli.split.skipped': '其中 {count} 篇资料库里已有，未重复存入。',
  'cli.split.archived': '已把 {date} {page} 版的 {count} 篇稿件存入资料库，资料库现有 {total} 篇。',

  'cli.archive.action': '请写 add 或 info',
  'cli.archive.noPaths': '请写出要存入资料库的稿件文件或版面文件夹',
  'cli.archive.info': '资料库现有 {count} 篇稿件，共 {chars} 字（{dir}）',
  'cli.archive.known': '资料库里已有，未重复存入：{file}',
  'cli.archive.added': '已把 {date} 的 {count} 篇稿件存入资料库，资料库现有 {total} 篇。',
  'cli.archive.addedPage': '已把 {date} {page} 版的 {count} 篇稿件存入资料库，资料库现有 {total} 篇。',

  'cli.list.noPage': '--',
  'cli.list.count': '共 {count} 篇稿件',
  'cli.list.trashCount': '回收站里有 {count} 篇稿件',

  'cli.export.out': '请用 --out 写明付排包放到哪个文件夹',
  'cli.export.reason': '--force 要同时写 --reason “……”说明理由（理由会记录在案）',
  'cli.export.step.preflightFile': '写入付排前检查（preflight.json）',
  'cli.export.step.manifest': '写入清单（manifest.json）',
  'cli.export.step.zip': '打 zip 包',
  'cli.export.done': '已导出 {page} 版（{date}）的付排包：{folder}（{files} 个文件，用时 {ms} 毫秒）',
  'cli.export.zip': 'zip 包：{zip}',

  'cli.check.noPaths': '请写出要检查的稿件文件或版面文件夹',
  'cli.check.emptyFolder': '{path} 里没有稿件文件（.md、.txt、.json）',
  'cli.check.unknownRule': '没有“{name}”这类检查；可用的有：{known}',
  'cli.check.archiveNotFolder': '--archive {path} 不是文件夹',
  'cli.check.field': '（{field}）',
  'cli.check.text': '    “{text}”',
  'cli.check.twin': '    另一处：{where}  “{text}”',
  'cli.field.credit': '图片署名',
  'cli.field.byline': '署名',
  'cli.check.diff': '    差异 {diff}',

  'cli.eval.target': '请写出要测量什么：{targets}',
  'cli.eval.pages': '--pages 应为 1 到 10000 之间的整数',
  'cli.eval.seed': '--seed 应为 0 到 4294967295 之间的整数',
};
