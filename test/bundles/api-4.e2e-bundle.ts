import { runBundle } from '../support/bundle';

runBundle('api', 4, 6);
