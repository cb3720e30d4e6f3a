import { runBundle } from '../support/bundle';

runBundle('api', 2, 6);
