import type { StoryContent } from '../../../shared/model';

/** What every side panel gets: the draft and one way to change it. */
export type PanelProps = {
  draft: StoryContent;
  update: (patch: Partial<StoryContent> | ((draft: StoryContent) => Partial<StoryContent>)) => void;
  readOnly: boolean;
};
