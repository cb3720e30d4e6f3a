import { overdueReport, overdueReportCsv } from './overdue-report';

describe('超时通报', () => {
  const townships = [
    { code: '410799100', name: '城关镇' },
    { code: '410799101', name: '河西乡' },
  ];
  const rows = overdueReport({
    asOf: '2026-12-10',
    townships,
    openTasks: [
      { township: '410799100', caseNo: 'DIBAO-2026-000001', taskName: '入户调查', dueDate: '2026-12-01' },
      { township: '410799100', caseNo: 'DIBAO-2026-000002', taskName: '入户调查', dueDate: '2026-12-09' },
      { township: '410799100', caseNo: 'DIBAO-2026-000003', taskName: '乡镇初审', dueDate: '2026-12-05' },
      { township: '410799100', caseNo: 'DIBAO-2026-000004', taskName: '乡镇初审', dueDate: '2026-12-10' }, // due today: not overdue
      { township: '410799100', caseNo: 'DIBAO-2026-000005', taskName: '登记', dueDate: null },
    ],
    pastLimit: [
      { township: '410799100', caseNo: 'DIBAO-2026-000001', timeLimitDue: '2026-12-09' },
      { township: '410799100', caseNo: 'DIBAO-2026-000003', timeLimitDue: '2026-12-10' },
    ],
  });

  it('counts per township, by step, the oldest overdue and the cases past the whole-case limit', () => {
    expect(rows[0]).toEqual({
      township: '410799100',
      townshipName: '城关镇',
      openTasks: 5,
      overdueTasks: 3,
      overdueBySteps: [
        { name: '入户调查', count: 2 },
        { name: '乡镇初审', count: 1 },
      ],
      casesPastLimit: 1,
      casesPastLimitNos: ['DIBAO-2026-000001'],
      oldestOverdue: {
        caseNo: 'DIBAO-2026-000001',
        taskName: '入户调查',
        dueDate: '2026-12-01',
        daysOverdue: 9,
      },
    });
    expect(rows[1]).toMatchObject({
      townshipName: '河西乡',
      openTasks: 0,
      overdueTasks: 0,
      oldestOverdue: null,
    });
  });

  it('writes a CSV a spreadsheet opens (BOM, CRLF, one line per township)', () => {
    const csv = overdueReportCsv('2026-12-10', rows);
    expect(csv.startsWith('\ufeff超时通报（截至 2026-12-10）\r\n乡镇（街道）,在办任务数')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe(
      '城关镇,5,3,入户调查×2；乡镇初审×1,1,DIBAO-2026-000001,DIBAO-2026-000001 入户调查,2026-12-01,9',
    );
  });

  it('sums rows that stand for several tasks and takes the oldest overdue from its own rows', () => {
    const [row] = overdueReport({
      asOf: '2026-12-10',
      townships: [townships[0]],
      openTasks: [
        { township: '410799100', taskName: '入户调查', dueDate: '2026-12-01', count: 4 },
        { township: '410799100', taskName: '乡镇初审', dueDate: '2026-12-05', count: 2 },
        { township: '410799100', taskName: '乡镇初审', dueDate: '2026-12-12', count: 3 },
        { township: '410799100', taskName: '登记', dueDate: null, count: 1 },
      ],
      oldestOverdue: [
        { township: '410799100', caseNo: 'DIBAO-2026-000009', taskName: '入户调查', dueDate: '2026-12-01' },
      ],
      pastLimit: [],
    });
    expect(row).toMatchObject({
      openTasks: 10,
      overdueTasks: 6,
      overdueBySteps: [
        { name: '入户调查', count: 4 },
        { name: '乡镇初审', count: 2 },
      ],
      oldestOverdue: { caseNo: 'DIBAO-2026-000009', dueDate: '2026-12-01', daysOverdue: 9 },
    });
  });
});
