import { buildWebApp } from './web-build';

/**
 * The browser tier's jest globalSetup: builds the web app once, before any test file starts, so
 * the tier's jest processes find it built instead of each building the same one at once.
 */
export default function browserSetup(): void {
  buildWebApp();
}
