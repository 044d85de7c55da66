/** English strings of check-out (issue 18); the zh-CN twin is checkout-ui-zh-CN.ts. */
import type { checkoutUiZhCN } from './checkout-ui-zh-CN';

export const checkoutUiEn = {
  'checkout.take': 'Check out',
  'checkout.takeCount': 'Check out ({count})',
  'checkout.takeTitle':
    'Take the selected stories to this computer to go on writing away from the newsroom ({key})',
  'checkout.dialog.title': 'Check out',
  'checkout.dialog.body':
    'These {count} stories will be kept in full on this computer and stay locked to you until you check them in. Others can only read them meanwhile; in an emergency an editor may take one over, giving a reason.',
  'checkout.dialog.desk': 'Name of this computer',
  'checkout.dialog.deskHint': 'Others see which computer a story is on, e.g. "Wang\'s laptop".',
  'checkout.dialog.deskNamed': "This computer's name on the newsroom",
  'checkout.dialog.deskNamedHint':
    'The name this computer was given when it connected to the newsroom; others see that the stories went to it.',
  'checkout.dialog.noDesk': 'Name this computer; nothing was checked out.',
  'checkout.dialog.confirm': 'Check out {count}',
  'checkout.dialog.working': 'Checking out…',
  'checkout.dialog.cancel': 'Cancel',
  'checkout.taken': '{count} stories checked out: you can edit them on this computer while offline.',
  'checkout.takeSafe': 'Nothing was checked out; the stories in the newsroom are unchanged.',

  'checkout.heldBy': 'Checked out by {name} ({desk}, since {since})',
  'checkout.heldByMe':
    'Checked out by you ({desk}, since {since}): only you can change it until you check it in.',
  'checkout.heldByMeElsewhere': 'You checked this story out to another computer ({desk}, since {since})',
  'checkout.readOnlyElsewhere': 'Read only on this computer until it is checked in from {desk}.',
  'checkout.readOnly': 'Read-only until {name} checks it in.',
  'checkout.rowMine': 'Checked out · available offline',
  'checkout.check': 'Check "{headline}" to take it away with others',
  'checkout.rowConflict': 'In conflict',
  'checkout.checkedCount': '{count} checked',
  'checkout.clearChecked': 'Clear',
  'checkout.offline.list':
    'Offline: the {count} stories you checked out can be edited; the others need the newsroom.',
  'checkout.rowOther': 'Checked out by {name}',

  'checkout.takeOver': 'Take over',
  'checkout.takeOver.title': 'Take over a checked-out story',
  'checkout.takeOver.body':
    '"{headline}" is checked out by {name} to {desk} (since {since}). After the take-over you edit it; what {name} checks in later will not overwrite your version: it is kept as a parallel version and the story is marked in conflict until someone picks.',
  'checkout.takeOver.reason': 'Reason for the take-over (required, recorded in the audit trail)',
  'checkout.takeOver.noReason': 'Give a reason; the story stays with {name}, nothing was changed.',
  'checkout.takeOver.confirm': 'Take over',
  'checkout.takeOver.done': 'Taken over; the reason is recorded in the audit trail.',

  'checkout.offline.badge': 'Offline · since {time}',
  'checkout.offline.badgeTitle':
    'The newsroom {server} does not answer. You can go on editing the {count} stories you checked out; changes are kept on this computer and checked in once connected.',
  'checkout.offline.banner':
    "Offline (since {time}). You can edit the {count} stories you checked out and new drafts; signing, submitting, the review queue, other people's stories and pages need the newsroom and come back once connected.",
  'checkout.offline.outboxKept':
    '{count} changes of the stories checked out are kept on this computer; they go back by themselves once the newsroom answers.',
  'checkout.offline.needsServer': 'Not available offline: needs the newsroom.',

  'checkout.checkIn': 'Check in',
  'checkout.checkInTitle': 'Check the stories you took back in to the newsroom and end their lock',
  'checkout.checkIn.heading': 'Checked-out stories',
  'checkout.checkIn.mine': 'You checked out {count} stories on this computer.',
  'checkout.checkIn.none': 'No stories are checked out on this computer.',
  'checkout.checkIn.progress': 'Checking in: {done} of {total}',
  'checkout.checkIn.summary':
    '{released} stories checked in and unlocked: {applied} changes became new revisions, {created} new stories, {parallel} kept as parallel versions.',
  'checkout.checkIn.repeated': '{count} of them had been checked in before and were not written twice.',
  'checkout.checkIn.refused':
    'The newsroom refused one change ({detail}): it and the ones after it are still kept on this computer, nothing is lost; check in again later.',
  'checkout.checkIn.safe':
    'Your changes are still kept on this computer, nothing is lost; the stories stay locked to you.',
  'checkout.checkIn.offline':
    'Cannot check in while offline: the changes go out by themselves once the newsroom answers.',
  'checkout.checkIn.auto':
    'Once the newsroom answers, this computer sends what was written offline by itself.',

  'checkout.checkIn.deskTitle': 'This computer',
  'checkout.checkIn.waiting': ' ({count} changes waiting to go back)',
  'checkout.checkIn.unchanged': ' (unchanged)',
  'checkout.checkIn.draftsTitle': 'Drafts written offline',
  'checkout.checkIn.draft':
    'Written offline: {headline} (since {since}), created on the newsroom at check-in.',
  'checkout.checkIn.takenOverTitle': 'Stories an editor took over',
  'checkout.checkIn.takenOver':
    '“{headline}” was taken over by an editor: your {count} changes will not overwrite theirs at check-in; they are kept as a parallel version.',
  'checkout.checkIn.outboxTitle': 'Waiting to go back',
  'checkout.checkIn.outbox': '{count} changes, kept on this computer',
  'checkout.checkIn.outboxNone': 'No changes waiting',
  'checkout.checkIn.lastTitle': 'Last check-in',
  'checkout.checkIn.lastNone': 'Not checked in yet',
  'checkout.checkIn.refusedKept':
    'At the last check-in the newsroom refused one change ({reason}). It and the changes after it ({count} in all) are still kept on this computer, nothing is lost; check in again once that is sorted out.',
  'checkout.checkIn.parallelTitle': 'Check-ins kept as parallel versions',
  'checkout.checkIn.parallelBody':
    '{count} check-ins did not overwrite someone else’s version; they are kept as parallel versions and the stories are in conflict:',
  'checkout.checkIn.parallelItem': '“{headline}” (revision {rev} on the newsroom, {at})',
  'checkout.checkIn.parallelDone': 'Conflict resolved',
  'checkout.checkIn.autoDone':
    'Checked in {count} changes: the newsroom answers again and what was written offline is there now; the stories stay checked out to you.',
  'checkout.checkIn.autoRefused':
    'The newsroom refused a change written offline: it and the ones after it ({count} in all) are still kept on this computer, nothing is lost. See Connect to the newsroom.',
  'checkout.conflict.banner':
    'This story is in conflict: the version {name} brought back from {desk} did not overwrite the current one; it is kept as a parallel version for you to pick.',
  'checkout.conflict.reason.stale': 'Someone took it over and saved a new revision while it was away.',
  'checkout.conflict.reason.locked': 'Someone was editing the story when it was checked in.',
  'checkout.conflict.reason.refused':
    'The workflow refused the change when it was checked in (e.g. it was submitted).',
  'checkout.conflict.open': 'Compare the two versions',
  'checkout.conflict.title': 'Conflict: two versions',
  'checkout.conflict.current': 'Current version (revision {rev}, {name}, {at})',
  'checkout.conflict.parallel': 'Version brought back ({name}, {desk}, written {at})',
  'checkout.conflict.useCurrent': 'Use the current version',
  'checkout.conflict.useParallel': 'Use the version brought back',
  'checkout.conflict.combine': 'Combine',
  'checkout.conflict.fromCurrent': 'Combine, starting from the current version',
  'checkout.conflict.fromParallel': 'Combine, starting from the version brought back',
  'checkout.conflict.combineSave': 'Save the combined version',
  'checkout.conflict.combineHint':
    'One paragraph per line in the body; a field left unchanged is kept as it was (formatting and photos too).',
  'checkout.conflict.field.kicker': 'Kicker',
  'checkout.conflict.field.headline': 'Headline',
  'checkout.conflict.field.subheadline': 'Subheadline',
  'checkout.conflict.field.body': 'Body',
  'checkout.conflict.resolved':
    'Conflict resolved: your choice is a new revision, recorded in the audit trail.',
  'checkout.conflict.safe': 'Both versions are still there; nothing was changed.',
  'checkout.conflict.loading': 'Reading both versions…',
} as const satisfies Record<keyof typeof checkoutUiZhCN, string>;
