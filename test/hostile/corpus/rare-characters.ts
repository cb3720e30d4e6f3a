import { APPLICATION_BODY, MONITORING_EVENT, nearRelative, withField } from './bodies';
import { CorpusContext, HostileCase } from './types';

/**
 * CJK Extension B characters used in real names that the embedded Noto Serif SC has no glyph for:
 * printed, they would be blank boxes on a legal document, so they are refused naming the field.
 */
export const MISSING_GLYPH_NAMES: string[] = ['王𠀀', '𪚥明', '李𡃁华'];

export const RARE_CHARACTER_CASES: HostileCase[] = MISSING_GLYPH_NAMES.flatMap((name): HostileCase[] => [
  {
    category: 'rare-characters',
    name: `application applicant.name ${name}`,
    user: 'clerk',
    method: 'POST',
    path: '/api/cases',
    json: withField(withField(APPLICATION_BODY, 'applicant.name', name), 'members[0].name', name),
    field: 'applicant.name',
  },
  {
    category: 'rare-characters',
    name: `application members[2].name ${name}`,
    user: 'clerk',
    method: 'POST',
    path: '/api/cases',
    json: withField(APPLICATION_BODY, 'members[2].name', name),
    field: 'members[2].name',
  },
  {
    category: 'rare-characters',
    name: `portal authorization text applicant.name ${name}`,
    user: 'clerk',
    method: 'POST',
    path: '/api/portal/authorization-text',
    json: (() => {
      const { program, regionCode, applicant, members } = withField(APPLICATION_BODY, 'applicant.name', name);
      return { program, regionCode, applicant, members };
    })(),
    field: 'applicant.name',
  },
  {
    category: 'rare-characters',
    name: `monitoring event person.name ${name}`,
    user: 'admin',
    method: 'POST',
    path: '/api/monitoring/events',
    json: withField(MONITORING_EVENT, 'person.name', name),
    field: 'person.name',
  },
  {
    category: 'rare-characters',
    name: `near-relative relativeName ${name}`,
    user: 'admin',
    method: 'POST',
    path: '/api/supervision/near-relatives',
    json: (ctx: CorpusContext) => withField(nearRelative(ctx.staffUserId), 'relativeName', name),
    field: 'relativeName',
  },
  {
    category: 'rare-characters',
    name: `application applicant.address with ${name}`,
    user: 'clerk',
    method: 'POST',
    path: '/api/cases',
    json: withField(APPLICATION_BODY, 'applicant.address', `平安县城关镇${name}村3组`),
    field: 'applicant.address',
  },
]);
