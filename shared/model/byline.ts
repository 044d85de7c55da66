import type { Byline, Credit } from './story';

/** How one credit prints: "记者 祁晓燕", "通讯员 李璞 王敏", or the organisation's name. */
export function creditText(credit: Credit, roleSeparator = ' '): string {
  if (credit.kind === 'organisation') return credit.name;
  const names = credit.names.join(' ');
  return credit.role ? `${credit.role}${roleSeparator}${names}` : names;
}

/**
 * The exact text the page prints for a byline, in the paper's style (domain §1):
 * - lead: after the 电头 in full-width brackets, "本报讯（记者 祁晓燕 通讯员 李璞）";
 * - top:  under the headline, "本报记者 祁晓燕", an organisation as "■中共某某县委组织部";
 * - end:  after the last paragraph, "（刘丙楠）".
 */
export function bylineText(byline: Byline, dateline = ''): string {
  const persons = byline.credits.filter((c) => c.kind === 'person');
  const orgs = byline.credits.filter((c) => c.kind === 'organisation');
  const inner = persons.map((c) => creditText(c)).join(' ');
  switch (byline.position) {
    case 'lead': {
      const parts = [...orgs.map((c) => creditText(c)), inner].filter(Boolean).join(' ');
      return parts ? `${dateline}（${parts}）` : dateline;
    }
    case 'top':
      return [...orgs.map((c) => `■${creditText(c)}`), inner].filter(Boolean).join('\n');
    case 'end': {
      const names = byline.credits.map((c) => (c.kind === 'person' ? c.names.join(' ') : c.name));
      return names.length ? `（${names.join(' ')}）` : '';
    }
  }
}

/** All names and organisations of a byline, for search. */
export function bylineNames(byline: Byline): string {
  return byline.credits.map((c) => (c.kind === 'person' ? c.names.join(' ') : c.name)).join(' ');
}
