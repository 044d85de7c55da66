/** zh-CN strings of who is at the desk and who holds the lock (issue 19); spread into the zh-CN catalog. */
export const identityZhCN = {
  'identity.nobodyTitle': '您还没有选择身份，此稿只能阅读。',
  'identity.nobodyBody': '选择您是谁之后才能编辑：修改和锁定都记在您的名下。',
  'identity.choose': '选择身份',
  'identity.lockOnEdit': '开始编辑即锁定稿件，其他人届时只能阅读。',
  'identity.lockedByYou': '你正在编辑，已锁定稿件。',
  'identity.switchUnsaved': '{name} 的修改还没能保存，身份没有切换。文字仍在编辑器里；保存成功后再切换身份。',
  'review.refused.noUserEdit':
    '此窗口还没有选择身份，稿件只能阅读：请先在右上角选择您的身份。没有保存任何内容，窗口里的文字仍在。',
} as const;
