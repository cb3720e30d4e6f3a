/** Structural checks every model spec makes on a parsed model (test support only). */
import { readUserTaskInfo } from '../element-info';
import type { BpmnElement } from '../validate-model';

export function flowElementsOf(definitions: BpmnElement): BpmnElement[] {
  const process = (definitions.rootElements as BpmnElement[]).find((r) => r.$type === 'bpmn:Process')!;
  return process.flowElements as BpmnElement[];
}

/** A shape or edge for every flow element, and edges with a path, so the model opens in bpmn-js. */
export function expectEveryElementDrawn(definitions: BpmnElement): void {
  const diagram = (definitions.diagrams as BpmnElement[])[0];
  const planeElements = (diagram.plane as BpmnElement).planeElement as BpmnElement[];
  const drawn = planeElements.map((p) => (p.bpmnElement as BpmnElement).id).sort();
  expect(drawn).toEqual(
    flowElementsOf(definitions)
      .map((e) => e.id)
      .sort(),
  );
  for (const edge of planeElements.filter((p) => p.$type === 'bpmndi:BPMNEdge')) {
    expect((edge.waypoint as unknown[]).length).toBeGreaterThanOrEqual(2);
  }
}

/**
 * Every user task has exactly one role and a deadline, and (by default) a form; with
 * `legalBasis`, also the provision it acts on. Returns the user tasks for further checks.
 */
export function expectUserTasksStaffed(
  definitions: BpmnElement,
  options: { fields?: boolean; legalBasis?: boolean } = {},
): BpmnElement[] {
  const { fields = true, legalBasis = false } = options;
  const userTasks = flowElementsOf(definitions).filter((e) => e.$type === 'bpmn:UserTask');
  for (const task of userTasks) {
    const info = readUserTaskInfo(task);
    expect({
      id: task.id,
      groups: info.candidateGroups.length,
      due: !!info.due,
      ...(fields && { fields: info.fields.length > 0 }),
      ...(legalBasis && { legalBasis: !!info.legalBasis }),
    }).toEqual({
      id: task.id,
      groups: 1,
      due: true,
      ...(fields && { fields: true }),
      ...(legalBasis && { legalBasis: true }),
    });
  }
  return userTasks;
}
