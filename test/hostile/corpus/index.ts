import { ACCOUNT_CASES } from './accounts';
import { AMOUNT_CASES } from './amounts';
import { BPMN_CASES } from './bpmn';
import { DATE_CASES } from './dates';
import { DECIDE_ALONE_CASES } from './decide-alone';
import { EXPOSURE_CASES } from './exposure';
import { IDENTITY_CASES } from './identity';
import { PATH_CASES } from './paths';
import { RARE_CHARACTER_CASES } from './rare-characters';
import { TEMPLATE_CASES } from './templates';
import { TEXT_CASES } from './text';
import { UPLOAD_CASES } from './uploads';
import { Category, HostileCase } from './types';

export * from './types';

/** The whole corpus, by category. */
export const CORPUS: Record<Category, HostileCase[]> = {
  'bpmn-xml': BPMN_CASES,
  'identity-region': IDENTITY_CASES,
  amounts: AMOUNT_CASES,
  dates: DATE_CASES,
  'text-control': TEXT_CASES,
  'rare-characters': RARE_CHARACTER_CASES,
  'template-injection': TEMPLATE_CASES,
  'path-traversal': PATH_CASES,
  'uploads-formats': UPLOAD_CASES,
  accounts: [...ACCOUNT_CASES, ...EXPOSURE_CASES, ...DECIDE_ALONE_CASES],
};
