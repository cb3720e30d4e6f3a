export { formatCnDate, formatCnMonth, formatMoney } from './format/cn-format';
export { formatDocumentNumber, parseDocumentNumber } from './numbering/document-number';
export type { DocumentNumberParts } from './numbering/document-number';
export { loadTemplates, loadTemplate, buildTemplate, TemplateLoadError } from './templates/load-templates';
export { TemplateDataError, validateTemplateData } from './templates/validate-data';
export { sampleIssuedAt } from './templates/sample-date';
export { documentTitle } from './templates/document-title';
export { DELIVERY_VALUES } from './templates/template-types';
export {
  DECISION_PROGRAMS,
  citedArticles,
  decisionBasisProblem,
  defaultBasisMissing,
  decisionBasisRuleProblem,
  decisionTemplateFor,
} from './templates/decision-basis';
export type { DecisionBasisRule, DecisionTemplate } from './templates/decision-basis';
export type { BuildTemplateOptions } from './templates/load-templates';
export type {
  Delivery,
  DocumentType,
  FieldError,
  IssuerLevel,
  LoadedTemplate,
  TemplateManifest,
  TemplateRegistry,
} from './templates/template-types';
export {
  REGIONAL_INSTRUMENTS,
  UNSET_MARK,
  citeInstrument,
  instrumentsUsed,
  isInstrumentKey,
  unsetInstrumentAdvice,
  unsetInstrumentMark,
  unsetInstrumentsIn,
  unsetMarkIn,
  withoutInstruments,
} from './templates/instruments';
export type { InstrumentKey } from './templates/instruments';
export { parseMarkup } from './markup/parse-markup';
export type { Block } from './markup/parse-markup';
export {
  buildDocumentDefinition,
  fitDocumentDefinition,
  renderBareDocDefinition,
  renderDocument,
  renderPdfmakeDocDefinition,
} from './render/render-document';
export { MASKED_COPY_MARK, renderMaskedCopy } from './render/masked-copy';
export { cloneDefinition } from './render/pdf-printer';
export type { RenderInput } from './render/render-document';
export {
  buildDraft,
  lintDraft,
  renderPreview,
  manifestText,
  TemplateDraftError,
} from './studio/template-draft';
export type { DraftIssue } from './studio/template-draft';
export { missingGlyphs, missingGlyphsMessage } from './layout/glyphs';
