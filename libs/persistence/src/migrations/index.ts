import { Initial1764000000000 } from './1764000000000-initial';
import { PolicyParameters1764100000000 } from './1764100000000-policy-parameters';

export const MIGRATIONS = [Initial1764000000000, PolicyParameters1764100000000];
