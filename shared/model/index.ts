export * from './body';
export * from './byline';
export * from './story';
export * from './summary';
export * from './new-story';
export * from './prefs';
export * from './query';
export * from './page';
