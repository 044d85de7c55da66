/**
 * zh-CN messages of check-out (issue 18): the errors the newsroom server's check-out, check-in,
 * take-over and conflict resolution send (electron/server/store/checkout.ts). Spread into the
 * zh-CN catalog with the desk's check-out screens; the English twin is checkout-en.ts.
 */
export const checkoutZhCN = {
  'error.checkedOutBy':
    '此稿已由{name}带走编辑（{desk}，自{since}起），未作任何改动。请等其交回，或由编辑说明理由后接管。',
  'error.checkInOpTaken': '操作 {opId} 是别人交回的，未作任何改动。请重新交回，本机会给每个操作新的编号。',
  'error.notCheckedOut': '此稿没有被带走编辑，无从接管，未作任何改动。',
  'error.noConflict': '此稿没有待处理的冲突版本，未作任何改动。',
  'error.conflictResolved': '这个冲突已由{name}处理，未作任何改动。',
  'error.newsroomOffline':
    '编辑部自{since}起连不上，这项操作要编辑部才能做，未作任何改动。带走编辑的稿件和新写的草稿可以照常写，编辑部恢复后自动交回。',
  'error.storyHeldAway': '此稿已带走到这台电脑上编辑，请先交回再做这项操作，未作任何改动。',
  'review.refused.checkedOut':
    '此稿已由{name}带走编辑（{desk}，自{since}起），交回时还可能改动，期间不能送审、签发、退回或付排，未作任何记录。请等其交回，或由编辑说明理由后接管。',
} as const;
