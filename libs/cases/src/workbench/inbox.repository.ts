import { EntityManager } from 'typeorm';
import type { PriorAct, RecusalHit } from '@app/auth';
import type { CaseUrgency } from '../linshi/linshi-rules';
import type { CursorKeyType } from './inbox-cursor';
import { RULE_SETS_VERSION, priorActsJson } from '../duty/duty-rules.repository';
import { relativesOfStaffJson } from '../near-relative.repository';

/** One open task with its case, as the inbox query selects it. */
export interface InboxRow {
  taskId: string;
  name: string;
  elementId: string;
  dueDate: string | null;
  dueDateCertain: boolean;
  createdAt: Date;
  caseId: string;
  caseNo: string;
  applicantName: string;
  regionCode: string;
  program: string;
  caseUrgency: CaseUrgency | null;
  instanceId: string;
  candidateGroups: string[];
  applicantIdNumber: string;
  household: { idNumber: string }[];
  townshipName: string | null;
  definitionId: string;
  hardshipIndex: number | null;
  /** Who holds the task (认领或被指派); null while it waits in the group inbox. */
  assignee: string | null;
  assigneeName: string | null;
}

/** A page of open tasks with what the duty rules are checked against, from one statement. */
export interface InboxPageRows {
  rows: (InboxRow & { priorActs: PriorAct[]; cursorKeys: string[] })[];
  /** Open tasks in the whole list, up to `INBOX_TOTAL_CAP` + 1; null when not asked for. */
  total: number | null;
  /** The near relatives the reader registered. */
  relatives: (RecusalHit & { idNumber: string })[];
  /** The version of the duty rule sets (`RULE_SETS_VERSION`); null on an empty page. */
  ruleSetsVersion: number | null;
}

/** What an inbox shows: the user's duties and region, the filters chosen, and the order. */
export interface InboxQuery {
  duties: string[];
  regionCode: string;
  program?: string;
  township?: string;
  dueBefore?: string;
  urgency?: string;
  /** Only tasks held by one of these users. */
  heldBy?: string[];
  sort: 'due' | 'hardship' | 'created' | 'urgency';
  order: 'asc' | 'desc';
}

/** Where one page starts: after these key values (the last task of the page before), in the list's order. */
export interface InboxPage {
  limit: number;
  after?: string[];
}

/**
 * The keyset of each sort: expressions of the task row compared as one row, all ascending (a
 * descending key is negated, a missing value coalesced to the end) and ending in the task id, so
 * the order is total and a page starts strictly after the last task of the one before. Each tuple
 * is the column list of a partial index on open tasks (migrations 1765800000000 and
 * 1767300000000; the role indexes lead with the region code cut to the role's level), which the
 * page query walks in order and leaves after `limit` rows. The case's region, urgency and
 * hardship index are copied onto the task by triggers, so no key needs the case.
 */
const DUE_ASC = `COALESCE(t.due_date, 'infinity'::date)`;
const KEYSETS: Record<InboxQuery['sort'], Record<InboxQuery['order'], { keys: string[]; desc?: true }>> = {
  due: {
    asc: { keys: [DUE_ASC, 't.created_at', 't.id'] },
    desc: { keys: [`COALESCE(DATE '2000-01-01' - t.due_date, 2147483647)`, 't.created_at', 't.id'] },
  },
  hardship: {
    asc: { keys: [`COALESCE(t.hardship_index, 'Infinity'::numeric)`, DUE_ASC, 't.created_at', 't.id'] },
    desc: { keys: [`COALESCE(-t.hardship_index, 'Infinity'::numeric)`, DUE_ASC, 't.created_at', 't.id'] },
  },
  created: {
    asc: { keys: ['t.created_at', 't.id'] },
    desc: { keys: ['t.created_at', 't.id'], desc: true },
  },
  // Most pressing colour first (desc: least pressing first); untagged cases always last.
  urgency: {
    asc: {
      keys: [
        `CASE t.urgency WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'blue' THEN 2 WHEN 'green' THEN 3 ELSE 4 END`,
        DUE_ASC,
        't.created_at',
        't.id',
      ],
    },
    desc: {
      keys: [
        `CASE t.urgency WHEN 'green' THEN 0 WHEN 'blue' THEN 1 WHEN 'yellow' THEN 2 WHEN 'red' THEN 3 ELSE 4 END`,
        DUE_ASC,
        't.created_at',
        't.id',
      ],
    },
  },
};

/** The SQL type of each key of a keyset, in order: a cursor's values are cast to them. */
const KEY_TYPES: Record<InboxQuery['sort'], Record<InboxQuery['order'], CursorKeyType[]>> = {
  due: { asc: ['date', 'timestamptz', 'uuid'], desc: ['int', 'timestamptz', 'uuid'] },
  hardship: {
    asc: ['numeric', 'date', 'timestamptz', 'uuid'],
    desc: ['numeric', 'date', 'timestamptz', 'uuid'],
  },
  created: { asc: ['timestamptz', 'uuid'], desc: ['timestamptz', 'uuid'] },
  urgency: { asc: ['int', 'date', 'timestamptz', 'uuid'], desc: ['int', 'date', 'timestamptz', 'uuid'] },
};

/** The key types of a sort and order (what a cursor for it must hold). */
export function inboxKeyTypes(sort: InboxQuery['sort'], order: InboxQuery['order']): CursorKeyType[] {
  return KEY_TYPES[sort][order];
}

/**
 * Builds the WHERE from fixed pieces; every value chosen is a positional parameter. The region is
 * an equality on the task's region code cut to the length of the user's: with the cut length
 * written as a literal, it is the leading column of the role indexes for users at that level.
 */
function inboxWhere(q: InboxQuery): { where: string[]; params: unknown[]; needsCase: boolean } {
  const params: unknown[] = [q.duties, q.regionCode];
  const where = [
    `t.status = 'open'`,
    `t.candidate_groups && $1::text[]`,
    `substr(t.region_code, 1, ${Math.trunc(q.regionCode.length)}) = $2`,
  ];
  const filter = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (q.program) filter((n) => `c.program = $${n}`, q.program);
  if (q.township) filter((n) => `substr(t.region_code, 1, 9) = $${n}`, q.township);
  if (q.dueBefore) filter((n) => `t.due_date <= $${n}`, q.dueBefore);
  if (q.urgency) filter((n) => `t.urgency = $${n}`, q.urgency);
  if (q.heldBy) filter((n) => `t.assignee = ANY($${n}::uuid[])`, q.heldBy);
  return { where, params, needsCase: !!q.program };
}

/** How many open tasks the total counts at most: past it the inbox says “more than”. */
export const INBOX_TOTAL_CAP = 1000;

export const inboxRepository = {
  /**
   * One page of the inbox, with what the reader's duty rules are checked against, in one
   * statement: each task's prior acts of `readerId`, the reader's registered relatives, the rule
   * sets' version and (with `count`, on a first page) the capped total. The last three are the
   * same on every row: an empty page has none, and then needs none (its total is 0).
   */
  async page(
    em: EntityManager,
    q: InboxQuery,
    page: InboxPage,
    readerId: string,
    count: boolean,
  ): Promise<InboxPageRows> {
    const rows = await pageRows(em, q, page, readerId, count);
    const first = rows[0];
    return {
      rows: rows.map(({ relatives: _r, ruleSetsVersion: _v, total: _t, priorActs, ...row }) => ({
        ...row,
        // Oldest first, as `dutyRulesRepository.priorActs` gives them.
        priorActs: priorActs
          .sort((a, b) => a.completedAt - b.completedAt)
          .map(({ completedAt: _c, ...act }) => act),
      })),
      total: count ? (first?.total ?? 0) : null,
      relatives: first?.relatives ?? [],
      ruleSetsVersion: first?.ruleSetsVersion ?? null,
    };
  },
};

/** A page row: the task with its case, and what `inboxRepository.page` takes apart. */
type PageRow = InboxRow & {
  cursorKeys: string[];
  priorActs: (PriorAct & { completedAt: number })[];
  relatives: (RecusalHit & { idNumber: string })[];
  ruleSetsVersion: number;
  total: number | null;
};

/**
 * The page's rows, each with its key values as text (`cursorKeys`). The page starts after the key
 * values of the last task of the page before, as they were then: a task completed or re-keyed
 * since does not move the start, so nothing after it is skipped or repeated.
 */
function pageRows(
  em: EntityManager,
  q: InboxQuery,
  page: InboxPage,
  readerId: string,
  count: boolean,
): Promise<PageRow[]> {
  const { where, params, needsCase } = inboxWhere(q);
  const { keys, desc } = KEYSETS[q.sort][q.order];
  // The count reads the list's own conditions, without the cursor (it is asked on a first page).
  const orderBy = keys.map((k) => `${k}${desc ? ' DESC' : ''}`).join(', ');
  // In the page's own order: the count walks the index the page walks (already in cache) and stops
  // at the cap, where unordered the planner may gather the whole region's tasks into a bitmap first.
  const total = count
    ? `(SELECT count(*)::int FROM (
         SELECT 1 FROM task t ${needsCase ? 'JOIN assistance_case c ON c.process_instance_id = t.instance_id' : ''}
         WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${INBOX_TOTAL_CAP + 1}) capped)`
    : 'NULL::int';
  const tuple = `(${keys.join(', ')})`;
  if (page.after) {
    const types = KEY_TYPES[q.sort][q.order];
    const values = page.after.map((v, i) => {
      params.push(v);
      return `$${params.length}::${types[i]}`;
    });
    where.push(`${tuple} ${desc ? '<' : '>'} (${values.join(', ')})`);
  }
  params.push(Math.trunc(page.limit));
  const limitParam = params.length;
  params.push(readerId);
  const reader = `$${params.length}::uuid`;
  // The page is taken from the tasks alone, then joined: the planner cannot estimate how many
  // open tasks lie under a region prefix (a partial index's statistics are not used for the
  // table), and where it guessed a few dozen for a whole county it joined all of them and sorted
  // (620 ms at 100,000 cases; it grows with N). The subquery's order and limit keep the join to
  // one page whatever the estimate; the outer order is the subquery's own, so it needs no sort.
  const join = needsCase ? 'JOIN assistance_case c ON c.process_instance_id = t.instance_id' : '';
  return em.query(
    `SELECT t.id AS "taskId", t.name, t.element_id AS "elementId",
                to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.due_date_certain AS "dueDateCertain",
                t.created_at AS "createdAt", c.id AS "caseId", c.case_no AS "caseNo",
                c.applicant_name AS "applicantName", c.region_code AS "regionCode", c.program,
                c.urgency AS "caseUrgency", t.instance_id AS "instanceId", t.candidate_groups AS "candidateGroups",
                c.applicant_id_number AS "applicantIdNumber", c.household,
                r.name AS "townshipName", i.definition_id AS "definitionId",
                t.hardship_index::float AS "hardshipIndex",
                t.assignee, holder.display_name AS "assigneeName",
                ${priorActsJson('t.instance_id', reader)} AS "priorActs",
                ${relativesOfStaffJson(reader)} AS relatives,
                ${RULE_SETS_VERSION} AS "ruleSetsVersion", ${total} AS total,
                 ARRAY[${keys.map((_, n) => `t.k${n}::text`).join(', ')}] AS "cursorKeys"
         FROM (
           SELECT t.id, t.name, t.element_id, t.due_date, t.due_date_certain, t.created_at, t.instance_id,
                  t.candidate_groups, t.hardship_index, t.assignee,
                  ${keys.map((k, n) => `${k} AS k${n}`).join(', ')}
           FROM task t ${join}
           WHERE ${where.join(' AND ')}
           ORDER BY ${orderBy}
           LIMIT $${limitParam}
         ) t
         JOIN assistance_case c ON c.process_instance_id = t.instance_id
         JOIN process_instance i ON i.id = t.instance_id
         LEFT JOIN region r ON r.code = substr(c.region_code, 1, 9)
         LEFT JOIN app_user holder ON holder.id = t.assignee
         ORDER BY ${keys.map((_, n) => `t.k${n}${desc ? ' DESC' : ''}`).join(', ')}`,
    params,
  );
}
