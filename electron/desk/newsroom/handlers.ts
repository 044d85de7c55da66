/**
 * The desktop's side of the newsroom connection (shared/api/newsroom-contract.ts): what a desk
 * that never connected answers (a single desktop: `newsroom.status` says `local`). The
 * connection itself is connection.ts.
 */
import { DeskError, type NewsroomStatus } from '../../../shared/api';

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
