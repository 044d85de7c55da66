/**
 * zh-CN strings of 带走编辑 (issue 18): taking stories away, who has them, offline, 交回 and
 * conflicts; spread into the zh-CN catalog. The English twin is checkout-ui-en.ts.
 */
export const checkoutUiZhCN = {
  'checkout.take': '带走编辑',
  'checkout.takeCount': '带走编辑（{count}）',
  'checkout.takeTitle': '把选中的稿件带到这台电脑上，离开编辑部也能继续写（{key}）',
  'checkout.dialog.title': '带走编辑',
  'checkout.dialog.body':
    '以下 {count} 篇稿件会完整保存在这台电脑上，并一直锁定给你，直到你交回。其间别人只能阅读；编辑如遇急事可说明理由后接管。',
  'checkout.dialog.desk': '这台电脑的名称',
  'checkout.dialog.deskHint': '别人会看到稿件在哪台电脑上，例如“王记者的笔记本”。',
  'checkout.dialog.deskNamed': '这台电脑在编辑部的名称',
  'checkout.dialog.deskNamedHint': '这是这台电脑连接编辑部时得到的名称，别人会看到稿件带到了这台电脑上。',
  'checkout.dialog.noDesk': '请填写这台电脑的名称，稿件尚未带走。',
  'checkout.dialog.confirm': '带走 {count} 篇',
  'checkout.dialog.working': '正在带走……',
  'checkout.dialog.cancel': '取消',
  'checkout.taken': '已带走 {count} 篇稿件，离线时也能在这台电脑上编辑。',
  'checkout.takeSafe': '稿件没有带走，编辑部里的稿件未改动。',

  'checkout.heldBy': '已被 {name} 带走编辑（{desk}，自 {since}）',
  'checkout.heldByMe': '你已带走编辑（{desk}，自 {since}），交回前只有你能修改。',
  'checkout.heldByMeElsewhere': '你已把此稿带到另一台电脑编辑（{desk}，自 {since}）',
  'checkout.readOnlyElsewhere': '在 {desk} 上交回之前，这台电脑上只能阅读。',
  'checkout.readOnly': '{name} 交回之前，这里只能阅读。',
  'checkout.rowMine': '已带走 · 可离线编辑',
  'checkout.check': '选中“{headline}”以便一起带走',
  'checkout.rowConflict': '有冲突',
  'checkout.checkedCount': '已选 {count} 篇',
  'checkout.clearChecked': '取消选择',
  'checkout.offline.list': '离线：带走的 {count} 篇稿件可以编辑，其他稿件需要连上编辑部。',
  'checkout.rowOther': '{name} 带走编辑',

  'checkout.takeOver': '接管',
  'checkout.takeOver.title': '接管带走的稿件',
  'checkout.takeOver.body':
    '“{headline}”已被 {name} 带到 {desk}（自 {since}）。接管后由你编辑；{name} 之后交回的修改不会覆盖你的版本，而是另存为平行版本，稿件标为冲突，等人挑选。',
  'checkout.takeOver.reason': '接管理由（必填，会记入审计记录）',
  'checkout.takeOver.noReason': '请写明接管理由，稿件仍在 {name} 手中，未作改动。',
  'checkout.takeOver.confirm': '接管',
  'checkout.takeOver.done': '已接管，理由已记入审计记录。',

  'checkout.offline.badge': '离线 · 自 {time}',
  'checkout.offline.badgeTitle':
    '编辑部 {server} 没有响应。你带走的 {count} 篇稿件可以继续编辑，修改保存在这台电脑上，连上后交回。',
  'checkout.offline.banner':
    '离线（自 {time}）。可以编辑你带走的 {count} 篇稿件和新写的稿件；签发、送审、审稿队列、别人的稿件和版面需要编辑部，连上后才能使用。',
  'checkout.offline.outboxKept': '带走稿件的 {count} 处修改保存在这台电脑上，编辑部恢复响应后自动交回。',
  'checkout.offline.needsServer': '离线时不可用：需要连接编辑部。',

  'checkout.checkIn': '交回',
  'checkout.checkInTitle': '把带走的稿件交回编辑部，结束锁定',
  'checkout.checkIn.heading': '带走的稿件',
  'checkout.checkIn.mine': '你在这台电脑上带走了 {count} 篇稿件。',
  'checkout.checkIn.none': '这台电脑上没有带走的稿件。',
  'checkout.checkIn.progress': '正在交回：第 {done} / {total} 项',
  'checkout.checkIn.summary':
    '已交回 {released} 篇，结束锁定：{applied} 项修改成为新版本，新建 {created} 篇，{parallel} 项另存为平行版本。',
  'checkout.checkIn.repeated': '其中 {count} 项此前已交回，这次没有重复写入。',
  'checkout.checkIn.refused':
    '编辑部拒收了一项（{detail}）：它和之后的修改仍保存在这台电脑上，没有丢失，可以稍后再交回。',
  'checkout.checkIn.safe': '修改仍保存在这台电脑上，没有丢失；稿件仍锁定给你。',
  'checkout.checkIn.offline': '离线时不能交回：编辑部恢复响应后会自动送出。',
  'checkout.checkIn.auto': '编辑部恢复响应后，这台电脑会自动把离线时的修改送出。',

  'checkout.checkIn.deskTitle': '这台电脑',
  'checkout.checkIn.waiting': '（{count} 处修改待交回）',
  'checkout.checkIn.unchanged': '（没有改动）',
  'checkout.checkIn.draftsTitle': '离线新写的稿件',
  'checkout.checkIn.draft': '离线新写：{headline}（写于 {since}），交回时在编辑部新建。',
  'checkout.checkIn.takenOverTitle': '已被编辑接管的稿件',
  'checkout.checkIn.takenOver':
    '“{headline}”已被编辑接管：你的 {count} 处修改交回时不会覆盖对方，而是另存为平行版本。',
  'checkout.checkIn.outboxTitle': '等待交回',
  'checkout.checkIn.outbox': '{count} 处修改，保存在这台电脑上',
  'checkout.checkIn.outboxNone': '没有等待交回的修改',
  'checkout.checkIn.lastTitle': '上次交回',
  'checkout.checkIn.lastNone': '还没有交回过',
  'checkout.checkIn.refusedKept':
    '上次交回时编辑部拒收了一项修改（{reason}）。它和之后的修改（共 {count} 处）仍保存在这台电脑上，没有丢失；问题解决后再交回。',
  'checkout.checkIn.parallelTitle': '另存为平行版本的交回',
  'checkout.checkIn.parallelBody': '{count} 次交回没有覆盖别人的版本，另存为平行版本，稿件标为冲突：',
  'checkout.checkIn.parallelItem': '“{headline}”（编辑部当前为第 {rev} 版，{at}）',
  'checkout.checkIn.parallelDone': '冲突已处理',
  'checkout.checkIn.autoDone':
    '已交回 {count} 处修改：编辑部恢复响应，离线时写的内容已送到编辑部，稿件仍由你带着。',
  'checkout.checkIn.autoRefused':
    '编辑部拒收了一项离线修改：它和之后的修改（共 {count} 处）仍保存在这台电脑上，没有丢失。详见“连接编辑部”。',
  'checkout.conflict.banner':
    '此稿有冲突：{name} 在 {desk} 带回的版本没有覆盖现在的版本，另存为平行版本，等你挑选。',
  'checkout.conflict.reason.stale': '带走期间有人接管并保存了新版本。',
  'checkout.conflict.reason.locked': '交回时别人正在编辑此稿。',
  'checkout.conflict.reason.refused': '交回时流程不允许这次修改（例如稿件已送审）。',
  'checkout.conflict.open': '比较两个版本',
  'checkout.conflict.title': '冲突：两个版本',
  'checkout.conflict.current': '当前版本（第 {rev} 版，{name}，{at}）',
  'checkout.conflict.parallel': '带回的版本（{name}，{desk}，写于 {at}）',
  'checkout.conflict.useCurrent': '用当前版本',
  'checkout.conflict.useParallel': '用带回的版本',
  'checkout.conflict.combine': '合并',
  'checkout.conflict.fromCurrent': '从当前版本开始合并',
  'checkout.conflict.fromParallel': '从带回的版本开始合并',
  'checkout.conflict.combineSave': '保存合并后的版本',
  'checkout.conflict.combineHint': '正文每行一段；没有改动的字段保持原样（包括格式和图片）。',
  'checkout.conflict.field.kicker': '引题',
  'checkout.conflict.field.headline': '标题',
  'checkout.conflict.field.subheadline': '副题',
  'checkout.conflict.field.body': '正文',
  'checkout.conflict.resolved': '冲突已处理，你的选择成为新版本，并记入审计记录。',
  'checkout.conflict.safe': '两个版本都还在，未作改动。',
  'checkout.conflict.loading': '正在读取两个版本……',
} as const;
