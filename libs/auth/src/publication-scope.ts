import { EntityManager } from 'typeorm';
import { AccessUser, Permission, requireAccess } from './access';
import { jurisdictionRepository } from './jurisdiction.repository';

/**
 * Templates and process models are not chosen per region: a release governs every case this
 * installation serves. So whoever publishes one must reach all of it — a township legal officer
 * cannot change what every township issues. Returns the scope to record on the release.
 */
export async function requireInstallationScope(
  em: EntityManager,
  user: AccessUser,
  permission: Extract<Permission, 'template.publish' | 'model.deploy' | 'model.migrate'>,
): Promise<string> {
  const tops = await jurisdictionRepository.topRegions(em);
  for (const regionCode of tops) requireAccess(user, permission, { regionCode });
  return commonPrefix(tops);
}

function commonPrefix(codes: string[]): string {
  if (!codes.length) return '';
  let prefix = codes[0];
  for (const c of codes) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
