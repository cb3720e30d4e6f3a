import { runBundle } from '../support/bundle';

runBundle('browser', 2, 2);
