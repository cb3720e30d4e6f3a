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

export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  get(name: string): any;
  set(name: string, value: unknown): void;
  [key: string]: any;
}
