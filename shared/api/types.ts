import type { Locale, StoryContent } from '../model';

export type Transport = 'electron' | 'http';

export type AppInfo = {
  name: string;
  version: string;
  dataDir: string;
  transport: Transport;
  storyCount: number;
  /** Which process holds the data folder. */
  pid: number;
  locale: Locale;
};

/** Something the user must be told once: a recovered story, a damaged file moved aside. */
export type Notice = {
  id: string;
  at: string;
  level: 'info' | 'warning' | 'error';
  /** i18n key and parameters, so the message shows in the user's language. */
  key: string;
  params: Record<string, string | number>;
};

export type StoredPhoto = { file: string; bytes: number; type: 'image/jpeg' | 'image/png' | 'image/webp' };

/** A story of the open story's page as the checks read it (checks.pageContext). */
export type PageStory = { key: string; content: StoryContent };

/** What the live checks need besides the open story (checks.pageContext). */
export type PageContext = {
  /** The story's page, null when it has none (then `stories` is empty). */
  page: string | null;
  /** The other live (not trashed) stories of that page. */
  stories: PageStory[];
  /** The name the desk records as this user (for "ignored by"). */
  user: string;
};
