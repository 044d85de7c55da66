/**
 * What the newsroom server pushes to a connected desk over its WebSocket (issue 17): a story's
 * lock changed hands, a story was saved or changed status, a review happened. Each event says
 * only what changed; the desk fetches what it shows through the contract.
 */
export type DeskEvent =
  | { type: 'lock'; storyId: string; holder: { userId: string; name: string } | null; at: string }
  | { type: 'story'; storyId: string; revision: number; status: string; at: string }
  | { type: 'review'; storyId: string; at: string };
