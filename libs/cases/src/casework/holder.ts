import { EntityManager } from 'typeorm';
import { AppError } from '@app/common';
import type { TaskEntity } from '@app/persistence';
import { caseworkRepository as casework } from './casework.repository';

/** Whom the user acts for on a task: themselves (null), or the holder who delegated it to them. */
export interface ActingFor {
  id: string;
  name: string;
  /** The delegation acted under: the 答复书 names its period and reason (issue 17). */
  delegation?: DelegationTerms;
}

export interface DelegationTerms {
  startsOn: string;
  endsOn: string;
  reason: string;
}

/**
 * A task someone holds is theirs to complete: another clerk is refused with the holder's name,
 * unless the holder delegated their work to this user for today. An unclaimed task is anyone's
 * of the group (the duty rules still decide).
 */
export async function assertHolderOrDelegate(
  em: EntityManager,
  userId: string,
  task: Pick<TaskEntity, 'id' | 'name' | 'assignee'>,
  today: string,
): Promise<ActingFor | null> {
  if (!task.assignee || task.assignee === userId) return null;
  const holder = await casework.staff(em, task.assignee);
  const name = holder?.displayName ?? '其他工作人员';
  if ((await casework.principalsOf(em, userId, today)).includes(task.assignee)) {
    const delegation = await casework.delegationOn(em, userId, task.assignee, today);
    return { id: task.assignee, name, ...(delegation && { delegation }) };
  }
  throw new AppError(
    409,
    'TASK_HELD_BY_OTHER',
    `任务“${task.name}”由 ${name} 办理中，您不能提交；您填写的内容已保存为草稿，可请其释放任务或由主管改派`,
    [{ field: 'assignee', message: `由 ${name} 办理中` }],
  );
}

/** How a document names who handled it when a delegate acts: “李四（代张三）”. */
export function actingLabel(actorName: string, principalName: string): string {
  return `${actorName}（代${principalName}）`;
}

/** The terms of the delegation under which a delegate acted for a holder on a day, if recorded. */
export function delegationOn(
  em: EntityManager,
  delegateId: string,
  delegatorId: string,
  day: string,
): Promise<DelegationTerms | null> {
  return casework.delegationOn(em, delegateId, delegatorId, day);
}
