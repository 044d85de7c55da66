/**
 * The desktop's side of the newsroom connection (shared/api/newsroom-contract.ts). A desk
 * that never connected is a single desktop: `newsroom.status` says `local`, and check-out
 * (shared/api/checkout-contract.ts, the newsroom's) answers that it is not connected.
 */
import { DeskError, type DeskHandlers, type NewsroomStatus } from '../../../shared/api';

type NewsroomHandlers = Pick<
  DeskHandlers,
  | 'newsroom.status'
  | 'newsroom.connect'
  | 'newsroom.signIn'
  | 'newsroom.changePassword'
  | 'newsroom.signOut'
  | 'newsroom.disconnect'
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

function notConnected(method: string): DeskError {
  return new DeskError(
    'unsupported',
    'error.newsroomNotConnected',
    { method },
    `${method}: this desk is not connected to a newsroom; nothing was changed.`,
  );
}

export function localNewsroomHandlers(): NewsroomHandlers {
  return {
    'newsroom.status': async () => LOCAL_STATUS,
    'newsroom.connect': async () => Promise.reject(notConnected('newsroom.connect')),
    'newsroom.signIn': async () => Promise.reject(notConnected('newsroom.signIn')),
    'newsroom.changePassword': async () => Promise.reject(notConnected('newsroom.changePassword')),
    'newsroom.signOut': async () => LOCAL_STATUS,
    'newsroom.disconnect': async () => LOCAL_STATUS,
    'checkout.take': async () => Promise.reject(notConnected('checkout.take')),
    'checkout.checkIn': async () => Promise.reject(notConnected('checkout.checkIn')),
    'checkout.takeOver': async () => Promise.reject(notConnected('checkout.takeOver')),
    'checkout.resolve': async () => Promise.reject(notConnected('checkout.resolve')),
    'checkout.conflict': async () => Promise.reject(notConnected('checkout.conflict')),
    'checkout.list': async () => Promise.reject(notConnected('checkout.list')),
  };
}
