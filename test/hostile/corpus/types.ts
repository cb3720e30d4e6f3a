/**
 * One hostile input: a request that must be refused with a 4xx `{ code, message, details }` in
 * Chinese that names the offending field, and that must change nothing (tables, audit, archive).
 */
export type Category =
  | 'bpmn-xml'
  | 'identity-region'
  | 'amounts'
  | 'dates'
  | 'text-control'
  | 'rare-characters'
  | 'template-injection'
  | 'path-traversal'
  | 'uploads-formats'
  | 'accounts';

/** Values known only once the suite's fixture case exists. */
export interface CorpusContext {
  /** A running 低保 case in the clerks' township. */
  caseId: string;
  /** Its open task whose form has a money field (`proposedAmount`). */
  moneyTaskId: string;
  /** An attachment of that case (for void/thumbnail). */
  attachmentId: string;
  /** A user id of a staff member (for the near-relative register). */
  staffUserId: string;
  /** The id of the `admin` account itself (for attempts to widen one's own account). */
  adminUserId: string;
  /** The id of `hexi_staff`, a township caseworker. */
  townshipUserId: string;
  /** The verification code of a document the case has issued. */
  verifyCode: string;
}

export interface RawBody {
  contentType: string;
  bytes: Buffer | string;
}

type Dyn<T> = T | ((ctx: CorpusContext) => T);

export interface HostileCase {
  category: Category;
  /** Unique, says what is hostile about it. */
  name: string;
  /** Demo username the request is sent as; null = no session. */
  user: string | null;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Path under the server root; placeholders are filled by functions of the context. */
  path: Dyn<string>;
  /** A JSON body (sent as application/json). */
  json?: Dyn<unknown>;
  /** A raw body with its declared content type (wins over `json`). */
  raw?: Dyn<RawBody | Promise<RawBody>>;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** The field the answer must name: a detail's field (exact, or prefix before "."/"[") or in the message. */
  field: string;
  /** A specific status when it matters (413, 415, 404); any 4xx otherwise. */
  status?: number;
}

export function resolve<T>(value: Dyn<T>, ctx: CorpusContext): T {
  return typeof value === 'function' ? (value as (c: CorpusContext) => T)(ctx) : value;
}
