export type DocumentType = 'decision' | 'notice' | 'form' | 'receipt';
export type IssuerLevel = 'township' | 'county';
/**
 * How the document reaches people: `served` = 送达 to the applicant (the model must follow it with a
 * service record on every path), `posted` = 公示/公布, `internal` = forms, records, tables, receipts.
 */
/**
 * How a decision or notice is laid out: `document` = GB/T 9704 文件格式 (the default), `letter` =
 * 信函格式 (§10.1), for notices and decisions served on one applicant or household.
 */
export type DocumentFormat = 'document' | 'letter';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['document', 'letter'];
export type Delivery = 'served' | 'posted' | 'internal';
export const DELIVERY_VALUES: readonly Delivery[] = ['served', 'posted', 'internal'];

/**
 * The substantive rules an assistance decision applies: its 法律依据 must cite at least one of them.
 * A step's own `sa:legalBasis` names the procedure it follows (e.g. 《最低生活保障审核确认办法》
 * 第二十条、第二十一条 for 县级审核确认); a decision that cites only that says how it was made, not
 * under which rule the family does or does not qualify, and a 复议机关 reads it as 适用依据错误.
 *
 * `choice` is the deciding form's answer that leads to this document: the decision's legal basis is
 * prefilled from the template's default basis (`legalBasis`) for that answer.
 */
export interface DecisionBasisRule {
  program: 'dibao' | 'tekun' | 'dibian' | 'linshi';
  choice: { field: string; value: string } | null;
  substantive: string[];
}

/** manifest.json as written by legal officers. */
export interface TemplateManifest {
  id: string;
  version: number;
  title: string;
  /** The title chosen by what the data decided (see `documentTitle`); `title` otherwise. */
  titleBy?: { field: string; titles: Record<string, string> };
  documentType: DocumentType;
  issuer: IssuerLevel;
  /** Type code inside the 文号 (e.g. "民低确"); absent for forms that carry no 文号. */
  numberCode?: string;
  /** Layout of a decision or notice; absent means `document` (see `DocumentFormat`). */
  format?: DocumentFormat;
  legalBasis: string;
  /** For a decision: the substantive articles its basis must cite (see `DecisionBasisRule`). */
  decisionBasis?: DecisionBasisRule;
  remedy: boolean;
  /** Required: how the document reaches the applicant or the public (see `Delivery`). */
  delivery: Delivery;
  /** Issuing this document records the service (送达) of the document before it (送达回证). */
  recordsService?: boolean;
  /** Issuing this document records its date on the case under this name (e.g. the 受理 date). */
  recordsCaseDate?: 'acceptanceDate';
  schema: Record<string, unknown>;
  sample: Record<string, unknown>;
}

export interface LoadedTemplate {
  manifest: TemplateManifest;
  /** manifest.json exactly as written; with `body` it rebuilds this very version. */
  manifestText: string;
  /** Raw handlebars source, kept so a frozen version can be archived with issued documents. */
  body: string;
  /** sha256 over manifest.json + body.hbs bytes; identifies the exact template version. */
  contentHash: string;
  /** Renders the data object to line markup (see templates/README.md). */
  renderMarkup(data: unknown): string;
}

export type TemplateRegistry = Map<string, LoadedTemplate>;

export interface FieldError {
  field: string;
  message: string;
}
