/**
 * The desktop's side of the newsroom connection (shared/api/newsroom-contract.ts): what a desk
 * that never connected answers (a single desktop: `newsroom.status` says `local`, and check-out,
 * shared/api/checkout-contract.ts, the newsroom's, answers that it is not connected). The
 * connection itself, and what a signed-in desk sends to the server, is connection.ts.
 */
import { DeskError, type DeskHandlers, type NewsroomStatus } from '../../../shared/api';

type CheckoutHandlers = Pick<
  DeskHandlers,
  | 'checkout.take'
  | 'checkout.checkIn'
  | 'checkout.takeOver'
  | 'checkout.resolve'
  | 'checkout.conflict'
  | 'checkout.list'
>;

export const LOCAL_STATUS: NewsroomStatus = {
  state: 'local',
  server: null,
  lastLogin: null,
  person: null,
  expiresAt: null,
  unreachableSince: null,
  pending: [],
  key: null,
};

export function notConnected(method: string): DeskError {
  return new DeskError(
    'unsupported',
    'error.newsroomNotConnected',
    { method },
    `${method}: this desk is not connected to a newsroom; nothing was changed.`,
  );
}

/** Check-out while nobody is signed in: the newsroom's, refused (signed in, they go to the server). */
export function localCheckoutHandlers(): CheckoutHandlers {
  return {
    'checkout.take': async () => Promise.reject(notConnected('checkout.take')),
    'checkout.checkIn': async () => Promise.reject(notConnected('checkout.checkIn')),
    'checkout.takeOver': async () => Promise.reject(notConnected('checkout.takeOver')),
    'checkout.resolve': async () => Promise.reject(notConnected('checkout.resolve')),
    'checkout.conflict': async () => Promise.reject(notConnected('checkout.conflict')),
    'checkout.list': async () => Promise.reject(notConnected('checkout.list')),
  };
}
