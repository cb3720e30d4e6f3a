/**
 * bpmn-js with the moddle extensions our models use: without them bpmn-js would drop
 * `sa:*` attributes and `camunda:formData` when it writes the XML back.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import sa from '@shared/process-models/sa-moddle.json';
import './bpmn-markers.css';
import { ROLES } from '@shared/auth/roles';

export const moddleExtensions = { camunda, sa };

/** Candidate groups a user task may name (the deploy check refuses others). */
export const TASK_ROLES = (
  ['window_clerk', 'investigator', 'township_reviewer', 'county_approver'] as const
).map((value) => ({ value, label: ROLES[value] }));

export const SERVICES = [
  { value: 'document.issue', label: '出具文书（document.issue）' },
  { value: 'assessment.evaluate', label: '家庭经济状况测算（assessment.evaluate）' },
];

export const OUTCOMES = [
  { value: 'confirmed', label: '确认享受（confirmed）' },
  { value: 'refused', label: '不予确认（refused）' },
  { value: 'not-accepted', label: '不予受理（not-accepted）' },
  { value: 'not-eligible', label: '核对不符合条件（not-eligible）' },
];

export const FIELD_TYPES = [
  { value: 'string', label: '单行文字' },
  { value: 'text', label: '多行文字' },
  { value: 'long', label: '整数' },
  { value: 'money', label: '金额（元）' },
  { value: 'date', label: '日期' },
  { value: 'boolean', label: '是/否' },
  { value: 'enum', label: '单选' },
  { value: 'list', label: '列表' },
];

/** The minimal bpmn-js services the studio calls; bpmn-js types them loosely. */
export interface DiagramElement {
  id: string;
  type: string;
  businessObject: ModdleElement;
}

/** bpmn-js's moddle service: makes new model elements. */
export interface Moddle {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

/** bpmn-js's modeling service, as far as the studio uses it: undoable property changes. */
export interface Modeling {
  updateProperties(element: DiagramElement, properties: Record<string, unknown>): void;
}

/** A bpmn-moddle element: the properties the studio reads, by the names the BPMN/camunda schemas give them. */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $attrs?: Record<string, unknown>;
  $descriptor?: { properties: { name: string; isReference?: boolean; isMany?: boolean }[] };
  id?: string;
  name?: string;
  /** camunda:FormField */
  label?: string;
  type?: string;
  defaultValue?: string;
  validation?: ModdleElement;
  /** camunda:Constraint */
  config?: string;
  /** bpmn:FormalExpression */
  body?: string;
  /** bpmn:Documentation */
  text?: string;
  conditionExpression?: ModdleElement;
  documentation?: ModdleElement[];
  extensionElements?: ModdleElement;
  /** bpmn:ExtensionElements' extensions, camunda:FormField's enum values. */
  values?: ModdleElement[];
  fields?: ModdleElement[];
  constraints?: ModdleElement[];
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
  get(name: string): unknown;
  set(name: string, value: unknown): void;
}
