import { runBundle } from '../support/bundle';

runBundle('api', 3, 6);
