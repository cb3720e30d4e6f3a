import { EntityManager } from 'typeorm';
import { instrumentCitation, PolicyParameters } from '@app/assessment';
import { AppError } from '@app/common';
import {
  InstrumentKey,
  LoadedTemplate,
  REGIONAL_INSTRUMENTS,
  instrumentsUsed,
  unsetInstrumentAdvice,
  unsetInstrumentsIn,
  unsetMarkIn,
} from '@app/documents';
import { policyParametersRepository as policyParameters } from './policy-parameters.repository';

/** Where each instrument a template may cite is set in the policy parameters. */
const PARAMETER_OF: Record<InstrumentKey, (p: PolicyParameters) => string | undefined> = {
  lowIncome: (p) => (p.lowIncomeInstrument ? instrumentCitation(p.lowIncomeInstrument) : undefined),
};

/** The citations of the region's own instruments in the parameters of a version (only those set). */
export function instrumentsOf(
  p: PolicyParameters | null | undefined,
): Partial<Record<InstrumentKey, string>> {
  const out: Partial<Record<InstrumentKey, string>> = {};
  if (!p) return out;
  for (const key of Object.keys(PARAMETER_OF) as InstrumentKey[]) {
    const cited = PARAMETER_OF[key](p);
    if (cited) out[key] = cited;
  }
  return out;
}

/** The instruments in force for a region on a date: what a document's `instruments` carries. */
export async function regionalInstruments(
  em: EntityManager,
  regionCode: string,
  date: string,
): Promise<Partial<Record<InstrumentKey, string>>> {
  const row = await policyParameters.inForce(em, regionCode, date);
  return instrumentsOf(row?.parameters as PolicyParameters | undefined);
}

/**
 * Sets the document's `instruments` when the template prints one. A template shared by programs
 * (the 受理通知书) prints the 低收入 instrument for that program only: it is rendered once without
 * them first, so the other programs' steps do not read the parameters for nothing.
 */
export async function withRegionalInstruments(
  em: EntityManager,
  template: LoadedTemplate,
  data: Record<string, unknown>,
  regionCode: string,
  date: string,
): Promise<void> {
  if (!instrumentsUsed(template).length) return;
  let printed: string | null;
  try {
    printed = template.renderMarkup({
      document: { title: template.manifest.title, number: '', issuedDate: '', verifyCode: '' },
      ...data,
    });
  } catch {
    printed = null; // data the render needs is set later (the document's own particulars): look them up
  }
  if (printed !== null && !unsetInstrumentsIn(printed).length) return;
  data.instruments = await regionalInstruments(em, regionCode, date);
}

/**
 * Refuses a rendered document that still carries a 【待设置…】 mark: never issued, never signed.
 * An instrument the region has not set is named with what to do; any other mark is refused as such.
 */
export function refuseUnsetMarks(
  title: string,
  markup: string,
  where: { regionCode: string; date: string },
): void {
  const [key] = unsetInstrumentsIn(markup);
  if (key) {
    const { name, parameter } = REGIONAL_INSTRUMENTS[key];
    throw new AppError(
      409,
      'INSTRUMENT_UNSET',
      `无法出具《${title}》：行政区划 ${where.regionCode} 在 ${where.date} 尚未设置${name}（救助政策参数 ${parameter}），文书无法写明所依据的文件。${unsetInstrumentAdvice(key)}后再办理`,
      [{ field: `parameters.${parameter}`, message: `尚未设置${name}` }],
    );
  }
  const mark = unsetMarkIn(markup);
  if (mark)
    throw new AppError(
      409,
      'UNSET_MARK',
      `无法出具《${title}》：文书中有尚未设置的内容“${mark}”，不得出具。请法制人员在模板中写明后再办理`,
      [{ field: 'template', message: `尚未设置：${mark}` }],
    );
}
