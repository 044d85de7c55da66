/** English strings of 设置 → 连接编辑部 (issue 17); the same keys as newsroom-zh-CN.ts. */
import type { newsroomZhCN } from './newsroom-zh-CN';

export const newsroomEn: { readonly [K in keyof typeof newsroomZhCN]: string } = {
  'newsroom.title': 'Connect to the newsroom',
  'newsroom.shortcut': 'Shortcut {key}',
  'newsroom.close': 'Close',
  'newsroom.cancel': 'Cancel',

  'newsroom.badge.local': 'Local',
  'newsroom.badge.localAction': 'Connect newsroom',
  'newsroom.badge.localTitle':
    'The desk uses only the data on this computer. Click to connect to a newsroom server.',
  'newsroom.badge.signedOut': 'Newsroom: signed out',
  'newsroom.badge.signIn': 'Sign in',
  'newsroom.badge.signedOutTitle':
    'The newsroom {server} is set but nobody is signed in: the desk uses the data on this computer for now.',
  'newsroom.badge.passwordChange': 'Set your password',
  'newsroom.badge.passwordChangeTitle':
    'You signed in with a one-time password; set your own password to start working.',
  'newsroom.badge.connected': 'Newsroom · {name}',
  'newsroom.badge.connectedTitle': 'Signed in to the newsroom {server}; stories are saved in the newsroom.',
  'newsroom.badge.unreachable': 'Newsroom offline since {time}',
  'newsroom.badge.unreachableTitle':
    'The newsroom {server} does not answer: changes are saved on this computer first and sent when it answers again.',
  'newsroom.pending':
    '{count} saved stories have not reached the newsroom yet; they are kept on this computer.',
  'newsroom.pendingNone': 'Every change has reached the newsroom.',
  'newsroom.banner.unreachable':
    'The newsroom {server} has not answered since {time}. Changes are saved on this computer and sent automatically when it answers again.',

  'newsroom.banner.details': 'Details',

  'newsroom.server.label': 'Newsroom server address',
  'newsroom.server.hint': 'Ask your administrator for it, for example https://bianjibu.example.cn:8443.',
  'newsroom.server.connect': 'Connect',
  'newsroom.server.connecting': 'Connecting…',
  'newsroom.server.intro':
    'Once connected, whoever signs in writes and reviews on the newsroom server; while nobody is signed in, the desk keeps using the data on this computer.',
  'newsroom.server.empty': 'Enter the address of the newsroom server.',
  'newsroom.server.garbled':
    '“{value}” is not a server address. It looks like https://bianjibu.example.cn:8443 (Latin letters, digits, dots and a colon only).',
  'newsroom.server.scheme': 'The address starts with https:// (http:// for a local test); got “{value}”.',
  'newsroom.server.credentials':
    'Do not put an account or password in the address; you enter them at the sign-in step.',
  'newsroom.server.path':
    'Enter only the server and port, without a path, “?” or “#”, for example https://bianjibu.example.cn:8443.',
  'newsroom.server.plainHttp':
    'This address is not encrypted (http://): use it only on this computer or the newsroom’s own network; passwords and stories travel in clear text.',
  'newsroom.server.safe': 'No address was saved; the desk still uses the data on this computer.',

  'newsroom.signIn.server': 'Newsroom: {server}',
  'newsroom.signIn.login': 'Account',
  'newsroom.signIn.password': 'Password',
  'newsroom.signIn.submit': 'Sign in',
  'newsroom.signIn.busy': 'Signing in…',
  'newsroom.signIn.noLogin': 'Enter your account name.',
  'newsroom.signIn.noPassword': 'Enter your password.',
  'newsroom.signIn.safe':
    'Not signed in; the desk still uses the data on this computer. The password was not stored.',
  'newsroom.signIn.hint':
    'The first time, use the one-time password your administrator gave you; you then set your own password.',

  'newsroom.change.intro':
    'You signed in with a one-time password. Set your own password ({min} to {max} characters) to start working.',
  'newsroom.change.current': 'One-time password',
  'newsroom.change.next': 'New password',
  'newsroom.change.again': 'New password again',
  'newsroom.change.submit': 'Set password',
  'newsroom.change.busy': 'Setting the password…',
  'newsroom.change.noCurrent': 'Enter the one-time password your administrator gave you.',
  'newsroom.change.noNext': 'Enter a new password.',
  'newsroom.change.tooShort': 'The new password has {length} characters; it needs at least {min}.',
  'newsroom.change.tooLong': 'The new password has {length} characters; at most {max} are allowed.',
  'newsroom.change.mismatch': 'The two new passwords differ; enter it again.',
  'newsroom.change.same': 'The new password must differ from the one-time password.',
  'newsroom.change.safe':
    'The password was not changed and the one-time password still holds; the desk still uses the data on this computer.',

  'newsroom.session.who': 'Signed in',
  'newsroom.session.whoValue': '{name} (account {login})',
  'newsroom.session.roles': 'Roles',
  'newsroom.session.noRoles': 'No roles',
  'newsroom.session.server': 'Newsroom',
  'newsroom.session.expires': 'Session ends',
  'newsroom.session.expiresHint': '{time} (extended while you work)',
  'newsroom.session.key': 'Signing key',
  'newsroom.session.keyFile': 'Key file',
  'newsroom.session.noKey': 'This computer holds no signing key for this person yet.',
  'newsroom.session.state': 'State',
  'newsroom.session.connected': 'The newsroom answers',
  'newsroom.session.unreachable': 'The newsroom has not answered since {time}',
  'newsroom.session.pendingTitle': 'Stories not yet delivered to the newsroom',
  'newsroom.session.pendingItem': '“{headline}” (changes after revision {rev}, saved {time})',
  'newsroom.roleSeparator': ', ',
  'newsroom.untitled': '(untitled)',

  'newsroom.signOut': 'Sign out',
  'newsroom.signOut.busy': 'Signing out…',
  'newsroom.signOut.done': 'Signed out; the desk is back on the data of this computer.',
  'newsroom.signOut.donePending':
    'Signed out; the desk is back on the data of this computer. {count} undelivered stories stay kept on it.',
  'newsroom.signOut.safe': 'Still signed in; nothing was changed.',
  'newsroom.signedIn': 'Signed in to the newsroom: {name}.',
  'newsroom.connected': 'Found the newsroom {server}; sign in.',
  'newsroom.changed': 'Your new password is set; signed in to the newsroom: {name}.',

  'newsroom.disconnect': 'Disconnect',
  'newsroom.disconnect.title': 'Disconnect from the newsroom?',
  'newsroom.disconnect.body':
    'The desk goes back to this computer’s own data and forgets the newsroom address {server}; to connect again you enter it again.',
  'newsroom.disconnect.kept':
    'Kept as they are: every story on the newsroom server, the stories on this computer and the signing key file.',
  'newsroom.disconnect.keptPending':
    '{count} stories not yet delivered to the newsroom stay kept in this computer’s data folder.',
  'newsroom.disconnect.signsOut': '{name} is signed out first.',
  'newsroom.disconnect.confirm': 'Disconnect',
  'newsroom.disconnect.busy': 'Disconnecting…',
  'newsroom.disconnect.done': 'Disconnected; the desk uses only the data on this computer.',
  'newsroom.disconnect.safe': 'The newsroom connection was not changed.',

  'newsroom.unsaved':
    'The open story could not be saved yet, so nothing was switched. The text is still in the editor; try again once it is saved.',
  'newsroom.reloadSafe': 'No data was changed; close the window and open it again.',

  'user.account': '{name} ({roles})',
  'user.accountTitle':
    'Who is at the desk is the newsroom account: {name}. To change person, sign out first.',
};
