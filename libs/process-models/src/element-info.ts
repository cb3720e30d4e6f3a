/**
 * Reads our modelling conventions off an element.
 *
 * Works on both shapes the same data comes in:
 * - a bpmn-elements activity (`activity.behaviour` is the moddle element spread into a plain
 *   object: `sa:*` and `camunda:*` attributes appear under their local names — `due`,
 *   `service`, `template`, `outcome`, `legalBasis`, `candidateGroups` — and child elements
 *   under `extensionElements.values`, e.g. `{ $type: 'camunda:FormData', fields: [...] }`);
 * - a bpmn-moddle element from `validateModel(...).definitions` (same property names).
 */

export type DueUnit = 'WD' | 'D';
export interface Due {
  amount: number;
  /** WD = working days on the official calendar; D = calendar days. */
  unit: DueUnit;
}

export const FORM_FIELD_TYPES = [
  'string',
  'text',
  'long',
  'boolean',
  'date',
  'enum',
  'money',
  'list',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export const CONSTRAINT_NAMES = [
  'required',
  'minlength',
  'maxlength',
  'min',
  'max',
  'minItems',
  'maxItems',
  /** "field=value": required when another field of the form has that answer (e.g. 退回理由). */
  'requiredWhen',
] as const;
export type ConstraintName = (typeof CONSTRAINT_NAMES)[number];

export interface FormFieldConstraint {
  name: string;
  config?: string;
}

export interface FormField {
  id: string;
  label: string;
  /** As written in the model; `validateModel` refuses types outside FORM_FIELD_TYPES. */
  type: string;
  options: { id: string; name: string }[];
  constraints: FormFieldConstraint[];
  defaultValue?: string;
  /**
   * `camunda:property id="showIf"`: a `${…}` condition on the other fields' values. When it is
   * false the field is hidden and not required, e.g. reasons only when refusing.
   */
  showIf?: string;
  /**
   * `camunda:property id="staffDuty"`: the field names staff, picked from the accounts holding
   * these duties (roles, comma-separated, e.g. `investigator,village_assistant`) whose
   * jurisdiction covers the case, instead of typed.
   */
  staffDuty?: string;
}

export interface UserTaskInfo {
  candidateGroups: string[];
  due?: Due;
  fields: FormField[];
  legalBasis?: string;
}

export interface ServiceInfo {
  service?: string;
  template?: string;
  legalBasis?: string;
  /** `sa:action`: the mode of a service with several, e.g. benefit.apply's `decrease`. */
  action?: string;
  /** `sa:sampleRatio`: the share a sampling service selects, e.g. `0.3`. */
  sampleRatio?: string;
}

type Bag = Record<string, unknown>;

/** Accepts an activity (with `behaviour`) or a moddle element. */
function elementOf(source: unknown): Bag {
  if (!source || typeof source !== 'object') return {};
  const behaviour = (source as Bag).behaviour;
  return behaviour && typeof behaviour === 'object' ? (behaviour as Bag) : (source as Bag);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function list(value: unknown): Bag[] {
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Bag[]) : [];
}

/** "10WD" → 10 working days, "7D" → 7 calendar days, "0D" → the same day; anything else → undefined. */
export function parseDue(value: unknown): Due | undefined {
  const match = typeof value === 'string' ? /^\s*(0|[1-9]\d{0,3})\s*(WD|D)\s*$/.exec(value) : null;
  if (!match) return undefined;
  return { amount: Number(match[1]), unit: match[2] as DueUnit };
}

export function splitCandidateGroups(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
}

/** The form field's `camunda:properties` this system reads: its display condition and staff duty. */
function fieldPropertiesOf(field: Bag): { showIf?: string; staffDuty?: string } {
  const properties = list((field.properties as Bag | undefined)?.values);
  const value = (id: string) => text(properties.find((p) => p.id === id)?.value);
  const showIf = value('showIf');
  const staffDuty = value('staffDuty');
  return { ...(showIf && { showIf }), ...(staffDuty && { staffDuty }) };
}

export function readFormFields(source: unknown): FormField[] {
  const extensionElements = elementOf(source).extensionElements as Bag | undefined;
  const formData = list(extensionElements?.values).find((v) => v.$type === 'camunda:FormData');
  if (!formData) return [];
  return list(formData.fields).map((field) => {
    const validation = field.validation as Bag | undefined;
    return {
      id: String(field.id ?? ''),
      label: text(field.label) ?? String(field.id ?? ''),
      type: text(field.type) ?? 'string',
      options: list(field.values).map((v) => ({
        id: String(v.id ?? ''),
        name: text(v.name) ?? String(v.id ?? ''),
      })),
      constraints: list(validation?.constraints).map((c) => ({
        name: String(c.name ?? ''),
        ...(c.config !== undefined && c.config !== null && { config: String(c.config) }),
      })),
      ...(typeof field.defaultValue === 'string' && { defaultValue: field.defaultValue }),
      ...fieldPropertiesOf(field),
    };
  });
}

export function readUserTaskInfo(source: unknown): UserTaskInfo {
  const element = elementOf(source);
  const due = parseDue(element.due);
  const legalBasis = text(element.legalBasis);
  return {
    candidateGroups: splitCandidateGroups(element.candidateGroups),
    ...(due && { due }),
    fields: readFormFields(element),
    ...(legalBasis && { legalBasis }),
  };
}

export function readServiceInfo(source: unknown): ServiceInfo {
  const element = elementOf(source);
  const service = text(element.service);
  const template = text(element.template);
  const legalBasis = text(element.legalBasis);
  const action = text(element.action);
  const sampleRatio = text(element.sampleRatio);
  return {
    ...(service && { service }),
    ...(template && { template }),
    ...(legalBasis && { legalBasis }),
    ...(action && { action }),
    ...(sampleRatio && { sampleRatio }),
  };
}

/** Case outcome recorded by an end event (`sa:outcome`), if any. */
export function readOutcome(source: unknown): string | undefined {
  return text(elementOf(source).outcome);
}

export function readLegalBasis(source: unknown): string | undefined {
  return text(elementOf(source).legalBasis);
}

/**
 * A 送达 step's form: it records how, when and to whom a document was served, a fact the same for
 * many cases served on one round, and decides nothing. Only such a step may be completed for many
 * cases with one form (bulk); every other step is judged case by case.
 */
export function isServiceForm(fields: readonly { id: string }[]): boolean {
  const ids = new Set(fields.map((f) => f.id));
  return ids.has('serviceMethod') && ids.has('serviceDate') && ids.has('recipient');
}
