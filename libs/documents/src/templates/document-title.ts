import type { TemplateManifest } from './template-types';

/**
 * A document's title says what was decided: a template whose decision can go two ways names, in
 * `titleBy`, the data field that holds the decision and the title for each of its values (拒绝就业:
 * 减发 or 停发). Without a match (a field not filled, an unlisted value) the catalogue title stands.
 */
export function documentTitle(
  manifest: Pick<TemplateManifest, 'title' | 'titleBy'>,
  data: Record<string, unknown>,
): string {
  const rule = manifest.titleBy;
  if (!rule) return manifest.title;
  const value = rule.field
    .split('.')
    .reduce<unknown>(
      (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      data,
    );
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(rule.titles, value)
    ? rule.titles[value]
    : manifest.title;
}

/** Why a manifest's `titleBy` is not usable, in Chinese, or null (also null when absent). */
export function titleByProblem(manifest: Pick<TemplateManifest, 'titleBy'>): string | null {
  const rule = manifest.titleBy as unknown;
  if (rule === undefined) return null;
  if (!rule || typeof rule !== 'object') return 'titleBy 应为对象 { field, titles }';
  const { field, titles } = rule as { field?: unknown; titles?: unknown };
  if (typeof field !== 'string' || !/^[A-Za-z]\w*(\.[A-Za-z]\w*)*$/.test(field))
    return 'titleBy.field 应为数据字段路径，如 form.jobDecision';
  if (!titles || typeof titles !== 'object' || !Object.keys(titles).length)
    return 'titleBy.titles 应列出每个取值对应的标题';
  for (const [value, title] of Object.entries(titles))
    if (typeof title !== 'string' || !title.trim()) return `titleBy.titles.${value} 应为非空标题`;
  return null;
}
