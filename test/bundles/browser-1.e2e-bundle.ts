import { runBundle } from '../support/bundle';

runBundle('browser', 1, 2);
