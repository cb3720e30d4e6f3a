/**
 * The 办理时限 picker: a number and a unit instead of the raw `10WD` the model stores.
 * The engine knows two units (libs/process-models element-info `parseDue`): working days (WD,
 * the official calendar) and natural days (D).
 */
import { parseDue } from '@shared/process-models/element-info';

export const DUE_UNITS = [
  { value: 'WD', label: '工作日' },
  { value: 'D', label: '自然日' },
] as const;
export type DueUnitValue = (typeof DUE_UNITS)[number]['value'];

export interface DueInput {
  amount: number | undefined;
  unit: DueUnitValue;
}

/** What the picker shows for a stored value; an unreadable one keeps its text for the user to fix. */
export function readDue(value: string): DueInput & { invalid?: string } {
  if (!value.trim()) return { amount: undefined, unit: 'WD' };
  const due = parseDue(value);
  return due ? { amount: due.amount, unit: due.unit } : { amount: undefined, unit: 'WD', invalid: value };
}

/** The attribute to store: `10WD`, `7D`, or nothing when no number is given. */
export function writeDue(input: DueInput): string | undefined {
  if (input.amount === undefined || input.amount === null || Number.isNaN(input.amount)) return undefined;
  return `${Math.trunc(input.amount)}${input.unit}`;
}

/** `10WD` → `10 个工作日`, for summaries and lint text. */
export function dueText(value: string | undefined): string {
  if (!value) return '未设置';
  const due = parseDue(value);
  if (!due) return value;
  return `${due.amount} 个${due.unit === 'WD' ? '工作日' : '自然日'}`;
}
