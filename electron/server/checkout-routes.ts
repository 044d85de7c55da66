/**
 * Check-out, check-in, take-over and conflicts on the newsroom server (issue 18, ADR 013):
 * shared/api/checkout-contract.ts routed to store/checkout.ts, each as the session's person; and
 * `locks.view`, which says who holds a story now and, for a check-out, on which desk since when.
 */
import type { ServerRoutes } from './routes';
import type { NewsroomCheckout } from './store/checkout';
import type { NewsroomStories } from './store/stories';

export function checkoutRoutes(checkout: NewsroomCheckout, stories: NewsroomStories): ServerRoutes {
  return {
    'checkout.take': (actor, { ids, desk }) => checkout.take(actor, ids, desk),
    'checkout.checkIn': (actor, input) => checkout.checkIn(actor, input),
    'checkout.takeOver': (actor, { id, reason }) => checkout.takeOver(actor, id, reason),
    'checkout.resolve': (actor, input) => checkout.resolve(actor, input),
    'checkout.conflict': (actor, { id, conflictId }) => checkout.conflict(actor, id, conflictId),
    'checkout.list': (actor, { desk }) => checkout.list(actor, desk),
    'locks.view': (actor, { id }) => stories.view(actor, id),
  };
}
