import { Initial1764000000000 } from './1764000000000-initial';
import { PolicyParameters1764100000000 } from './1764100000000-policy-parameters';
import { ActivityLog1764200000000 } from './1764200000000-activity-log';
import { Attachments1764250000000 } from './1764250000000-attachments';
import { Studio1764300000000 } from './1764300000000-studio';
import { AuthorizationSignature1764400000000 } from './1764400000000-authorization-signature';

export const MIGRATIONS = [
  Initial1764000000000,
  PolicyParameters1764100000000,
  ActivityLog1764200000000,
  Attachments1764250000000,
  Studio1764300000000,
  AuthorizationSignature1764400000000,
];
