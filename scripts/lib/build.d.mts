export const ROOT: string;
export function ensureRendererBuilt(): void;
export function ensureAppBuilt(): void;
