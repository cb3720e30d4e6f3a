import { runBundle } from '../support/bundle';

runBundle('api', 1, 6);
