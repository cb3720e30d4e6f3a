/**
 * The fast assessment gives exactly what the assessment gave before it was made fast: every figure
 * and every 计算明细 line of 400 pinned cases (testing/reference-results.json, captured from the
 * code before the change), compared as the JSON that is stored and served.
 */
import * as fs from 'node:fs';
import { stableStringify } from '@app/common';
import { assess } from './assess';
import type { AssessmentResult } from './result';
import { type ReferenceEntry, REFERENCE_FILE, outcomeJson, sha256 } from './testing/capture-reference';
import { referenceCases } from './testing/reference-cases';

const reference: ReferenceEntry[] = JSON.parse(fs.readFileSync(REFERENCE_FILE, 'utf8'));
const cases = referenceCases();

describe('assess — reference outcomes captured before the fast path', () => {
  it('covers the same cases as the fixture', () => {
    expect(cases.map((c) => c.name)).toEqual(reference.map((r) => r.name));
  });

  it('gives the same figures and explanation text, line by line, for the fully pinned cases', () => {
    const full = reference.filter((r) => r.outcome !== undefined);
    expect(full.length).toBeGreaterThan(20);
    full.forEach((r, i) => {
      const c = cases[i];
      expect(JSON.parse(outcomeJson(c))).toEqual(r.outcome);
      // A refused input (its error compared above) has no lines to read.
      if ((r.outcome as { error?: string }).error) return;
      // Read directly, not only through JSON: what the case service and the documents use.
      const result = assess(c.household, c.parameters, c.options);
      expect(result.lines).toEqual((r.outcome as { lines: unknown }).lines);
      expect(result.lines.map((l) => l.label)).toEqual(
        (r.outcome as { lines: { label: string }[] }).lines.map((l) => l.label),
      );
    });
  });

  it('gives byte-identical JSON for every pinned case', () => {
    const changed = cases
      .map((c, i) => ({ c, r: reference[i] }))
      .filter(({ c, r }) => sha256(outcomeJson(c)) !== r.sha256);
    expect(changed.map(({ c }) => c.name)).toEqual([]);
  });

  it('hands the lines to every kind of reader as a plain array would', () => {
    const c = cases[0];
    const expected = (reference[0].outcome as { lines: { label: string }[] }).lines;
    const read = [
      (r: AssessmentResult) => r.lines,
      (r: AssessmentResult) => [...r.lines],
      (r: AssessmentResult) => r.lines.map((l) => l),
      (r: AssessmentResult) => Array.from(r.lines),
      (r: AssessmentResult) => JSON.parse(JSON.stringify(r.lines)),
      (r: AssessmentResult) => JSON.parse(stableStringify(r)).lines,
      (r: AssessmentResult) => ({ ...r }).lines,
    ];
    for (const f of read) {
      const result = assess(c.household, c.parameters, c.options);
      expect(Array.isArray(result.lines)).toBe(true);
      expect(f(result)).toEqual(expected);
      expect(result.lines.length).toBe(expected.length);
    }
  });

  it('explains the household as it was when assessed, whatever the caller changes afterwards', () => {
    const c = cases[0];
    const household = JSON.parse(JSON.stringify(c.household));
    const result = assess(household, c.parameters, c.options);
    household.members[0].name = '改名';
    household.members[0].incomes.push({ kind: 'wage', annualFen: 9_999_900 });
    household.rigidExpenditures.length = 0;
    expect(sha256(JSON.stringify(result))).toBe(reference[0].sha256);
  });
});
