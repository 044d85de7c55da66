/** English strings of who is at the desk and who holds the lock (issue 19); the same keys as identity-zh-CN.ts. */
import type { identityZhCN } from './identity-zh-CN';

export const identityEn: { readonly [K in keyof typeof identityZhCN]: string } = {
  'identity.nobodyTitle': 'Nobody is chosen in this window: the story is read-only.',
  'identity.nobodyBody': 'Choose who you are to edit it: changes and the lock are recorded under your name.',
  'identity.choose': 'Choose who you are',
  'identity.lockOnEdit': 'Your first edit locks the story; others can then only read it.',
  'identity.lockedByYou': 'You are editing: the story is locked for you.',
  'identity.switchUnsaved':
    "{name}'s changes could not be saved yet, so the person was not switched. The text is still in the editor; switch once it is saved.",
  'review.refused.noUserEdit':
    'Nobody is chosen in this window, so the story is read-only: choose who you are (top right). Nothing was saved; the text in the window is kept.',
};
