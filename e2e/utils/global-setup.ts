import { ensureRendererBuilt } from '../../scripts/lib/build.mjs';

/** The specs drive the built renderer: build it once, only when sources changed. */
export default function globalSetup(): void {
  ensureRendererBuilt();
}
