/** English messages of check-out (issue 18); the zh-CN twin is checkout-zh-CN.ts. */
import type { checkoutZhCN } from './checkout-zh-CN';

export const checkoutEn = {
  'error.checkedOutBy':
    'This story is checked out to {name} ({desk}, since {since}); nothing was changed. Wait for the check-in, or an editor takes it over with a reason.',
  'error.checkInOpTaken':
    'Operation {opId} was sent by someone else; nothing was changed. Check in again: this desk gives each operation a new id.',
  'error.notCheckedOut':
    'This story is not checked out, so there is nothing to take over; nothing was changed.',
  'error.noConflict': 'This story has no parallel version waiting; nothing was changed.',
  'error.conflictResolved': 'This conflict was already resolved by {name}; nothing was changed.',
  'error.newsroomOffline':
    'The newsroom has not answered since {since}, and this needs the newsroom; nothing was changed. Stories checked out to this desk and new drafts can be written meanwhile and are checked in when it answers again.',
  'error.storyHeldAway':
    'This story is checked out to this computer; check it in before doing this. Nothing was changed.',
  'review.refused.checkedOut':
    'This story is checked out to {name} ({desk}, since {since}) and may still change when it is checked in, so it is not submitted, signed, returned or sent to layout meanwhile; nothing was recorded. Wait for the check-in, or an editor takes it over with a reason.',
} as const satisfies Record<keyof typeof checkoutZhCN, string>;
