export * from './contract';
export * from './errors';
export * from './types';
export * from './input-limits';
export * from './events';
export * from './newsroom-contract';
