/**
 * Instruments only a region can supply (the provincial 低收入人口认定办法): a template cites one
 * as `{{instrument "lowIncome"}}`, in its body or in its manifest's legalBasis, and the document
 * data carries the citation (`instruments.lowIncome`) from the policy parameters in force for the
 * case's region on the document date. Where the region has not set it, the citation prints as an
 * unset mark that names the parameter: the lints flag it and issuing refuses it.
 */

/** Opens every placeholder a document must never be signed with. */
export const UNSET_MARK = '【待设置';

export const REGIONAL_INSTRUMENTS = {
  lowIncome: {
    /** What the instrument is, as an officer names it. */
    name: '本省低收入人口认定办法',
    /** The policy parameter (PolicyParameters in libs/assessment) that sets it. */
    parameter: 'lowIncomeInstrument',
  },
} as const;

export type InstrumentKey = keyof typeof REGIONAL_INSTRUMENTS;

export function isInstrumentKey(key: string): key is InstrumentKey {
  return Object.prototype.hasOwnProperty.call(REGIONAL_INSTRUMENTS, key);
}

/** What a document prints in place of an instrument its region has not set. */
export function unsetInstrumentMark(key: InstrumentKey): string {
  const { name, parameter } = REGIONAL_INSTRUMENTS[key];
  return `${UNSET_MARK}：${name}的名称、文号和条款（救助政策参数 ${parameter}）】`;
}

/** What to do about it, for the officer refused or warned (zh-CN). */
export function unsetInstrumentAdvice(key: InstrumentKey): string {
  const { name, parameter } = REGIONAL_INSTRUMENTS[key];
  return `请管理员在“救助政策参数”中设置${name}（参数 ${parameter}：文件名称、文号和所依据的条款）`;
}

/** The citation the data carries for an instrument, or its unset mark. */
export function citeInstrument(key: string, data: unknown): string {
  if (!isInstrumentKey(key)) throw new Error(`未知的地方性文件：${key}`);
  const instruments = (data as { instruments?: Record<string, unknown> } | null)?.instruments;
  const cited = instruments && typeof instruments === 'object' ? instruments[key] : undefined;
  return typeof cited === 'string' && cited.trim() ? cited : unsetInstrumentMark(key);
}

const INSTRUMENT_CALL = /\{\{\s*instrument\s+["']([A-Za-z]+)["']\s*\}\}/g;

/** A manifest text (legalBasis) with its `{{instrument "…"}}` citations filled from the data. */
export function fillInstruments(text: string, data: unknown): string {
  return text.replace(INSTRUMENT_CALL, (_, key: string) => citeInstrument(key, data));
}

/**
 * A manifest text without its region's instruments: what an officer's form is prefilled with where
 * the template prints the region's instrument itself beside what was entered.
 */
export function withoutInstruments(text: string): string {
  return text
    .replace(new RegExp(`[、，]?${INSTRUMENT_CALL.source}`, 'g'), '')
    .replace(/^[、，]/, '')
    .trim();
}

/** The instruments a template may print (body or legalBasis), whatever the data. */
export function instrumentsUsed(template: {
  body: string;
  manifest: { legalBasis: string };
}): InstrumentKey[] {
  const keys = new Set<InstrumentKey>();
  for (const source of [template.body, template.manifest.legalBasis])
    for (const m of source.matchAll(INSTRUMENT_CALL)) if (isInstrumentKey(m[1])) keys.add(m[1]);
  return [...keys];
}

/** The instruments whose unset mark appears in a rendered text. */
export function unsetInstrumentsIn(text: string): InstrumentKey[] {
  return (Object.keys(REGIONAL_INSTRUMENTS) as InstrumentKey[]).filter((k) =>
    text.includes(unsetInstrumentMark(k)),
  );
}

/** The first unset mark in a text (any 【待设置…】, an instrument's or one typed into a template). */
export function unsetMarkIn(text: string): string | undefined {
  return /【待设置[^】]*】?/.exec(text)?.[0];
}
