import { z } from 'zod';

import { bodyPlainText } from './body';
import { bylineNames, bylineText } from './byline';
import { countText } from '../text/counts';
import { STORY_STATUSES, type Story } from './story';

/** One row of the story list, kept in the index so listing never opens story files. */
export const StorySummarySchema = z.object({
  id: z.string(),
  rev: z.number().int(),
  kicker: z.string(),
  headline: z.string(),
  byline: z.string(),
  bylineNames: z.string(),
  region: z.string(),
  regionCode: z.string(),
  page: z.string().nullable(),
  slot: z.number().nullable(),
  status: z.enum(STORY_STATUSES),
  chars: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deletedAt: z.string().nullable(),
});
export type StorySummary = z.infer<typeof StorySummarySchema>;

export function summarize(story: Story): StorySummary {
  return {
    id: story.id,
    rev: story.rev,
    kicker: story.kicker,
    headline: story.headline,
    byline: bylineText(story.byline, story.dateline),
    bylineNames: bylineNames(story.byline),
    region: story.region ? story.region.path.join('') : '',
    regionCode: story.region?.code ?? '',
    page: story.page,
    slot: story.slot,
    status: story.status,
    chars: countText(bodyPlainText(story.body)).wordStyle,
    updatedAt: story.updatedAt,
    updatedBy: story.updatedBy,
    deletedAt: story.deletedAt,
  };
}
