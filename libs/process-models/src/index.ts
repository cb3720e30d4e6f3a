export {
  expressions,
  resolveExpression,
  isExpression,
  hasExpression,
  checkExpressionSyntax,
  ExpressionError,
} from './expressions';
export type { EngineExpressions } from './expressions';
export {
  validateModel,
  describeElement,
  DEFAULT_SERVICES,
  DEFAULT_ROLES,
  MAX_MODEL_BYTES,
  SUPPORTED_FLOW_ELEMENTS,
} from './validate-model';
export type { ModelIssue, ModelValidationResult, ValidateModelOptions, BpmnElement } from './validate-model';
export {
  readUserTaskInfo,
  readServiceInfo,
  readOutcome,
  readLegalBasis,
  readFormFields,
  isServiceForm,
  parseDue,
  splitCandidateGroups,
  FORM_FIELD_TYPES,
  CONSTRAINT_NAMES,
} from './element-info';
export type {
  Due,
  DueUnit,
  FormField,
  FormFieldType,
  FormFieldConstraint,
  ConstraintName,
  UserTaskInfo,
  ServiceInfo,
} from './element-info';
export { validateFormData, parseYuanToFen, isValidDate, isFieldShown } from './form-validation';
export type { FormValue, FieldError, FormValidationResult } from './form-validation';
export { moddleOptions, parseBpmn } from './moddle';
export type { ParseResult, ParseWarning } from './moddle';
export { lintLegalCompleteness, DEFAULT_SERVICE_RECORD_TEMPLATES } from './legal-lint';
export { lintWithBpmnlint, BPMNLINT_RULES } from './bpmnlint';
export type { BpmnlintResult, RuleSeverity } from './bpmnlint';
export type { LegalLintOptions, LegalLintResult } from './legal-lint';
export { readProcessInfo, processInfoProblems, caseSeries, PROCESS_KINDS } from './process-info';
export type { ProcessInfo, ProcessKind } from './process-info';
export { expressionReferences } from './expressions';
export type { ExpressionReferences } from './expressions';
export { lintModel } from './lint-model';
export type { LintModelOptions, LintModelResult } from './lint-model';
export { isServiceStep, stepKind } from './lint-plugin/model';
export { SA_RULES, LEGAL_RULES, RUNNABILITY_RULES } from './lint-plugin';
export type { SaRuleConfig } from './lint-plugin';
export { HOST_VARIABLES, SERVICE_OUTPUTS } from './lint-plugin/variables';
export { programConflicts } from './lint-plugin/program-rules';
export type { DeployCandidate, DeployedVersion } from './lint-plugin/program-rules';
export {
  OUTCOMES,
  STEP_KINDS,
  STEP_LABELS,
  PROGRAM_RULES,
  ROLE_LEVELS,
  ADVERSE_DECISION_TEMPLATES,
} from './lint-plugin/vocabulary';
export type { OutcomeEntry, StepKind, ProgramRules } from './lint-plugin/vocabulary';
export { modelChanges } from './model-changes';
export type { ModelChange, ModelChangeKind, ModelChangeLabels } from './model-changes';
export { patchXml, keepFile } from './xml-patch';
