import { runBundle } from '../support/bundle';

runBundle('api', 5, 6);
