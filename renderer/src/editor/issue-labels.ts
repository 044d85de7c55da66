import type { MessageKey } from '../app/i18n/i18n';

/** Which field an issue path ("figures.0.asOf") belongs to, for the list above the story. */
export function issueLabel(path: string): MessageKey | null {
  const [head, , leaf] = path.split('.');
  switch (head) {
    case 'kicker':
    case 'headline':
    case 'subheadline':
    case 'dateline':
      return `story.${head}`;
    case 'page':
      return 'placement.page';
    case 'slot':
      return 'placement.slot';
    case 'kind':
      return 'placement.kind';
    case 'region':
      return path.startsWith('region.code') ? 'region.code' : 'region.path';
    case 'byline':
      if (path.endsWith('.names') || path.includes('.names.')) return 'byline.names';
      if (path.endsWith('.role')) return 'byline.role';
      if (path.endsWith('.name')) return 'byline.org';
      return 'panel.byline';
    case 'figures':
      return leaf === 'asOf' ? 'figures.asOf' : leaf === 'value' ? 'figures.value' : 'panel.figures';
    case 'jumps':
      return 'jumps.page';
    case 'photos':
      return 'panel.photos';
    case 'body':
      return 'story.body';
    default:
      return null;
  }
}
