import { runBundle } from '../support/bundle';

runBundle('api', 6, 6);
