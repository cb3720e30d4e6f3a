import { EntityManager } from 'typeorm';
import {
  InstrumentKey,
  LoadedTemplate,
  REGIONAL_INSTRUMENTS,
  instrumentsUsed,
  unsetInstrumentAdvice,
} from '@app/documents';
import { parseBpmn, readServiceInfo } from '@app/process-models';

export interface InstrumentWarning {
  elementId?: string;
  message: string;
  severity: 'warning';
}

/** Every element of a parsed model that names a template (`sa:template`), with the template's id. */
function templatesIn(node: unknown, out: { elementId?: string; templateId: string }[] = []) {
  if (!node || typeof node !== 'object') return out;
  const element = node as { id?: string; flowElements?: unknown[]; rootElements?: unknown[] };
  const templateId = readServiceInfo(element).template;
  if (templateId) out.push({ elementId: element.id, templateId });
  for (const child of [...(element.rootElements ?? []), ...(element.flowElements ?? [])])
    templatesIn(child, out);
  return out;
}

/**
 * The model lint's warning for each document the model issues that cites a region's instrument
 * (the provincial 低收入人口认定办法) not set where the model will run: issuing it will be refused
 * until an administrator sets the parameter. Not an error: the order in which the legal officer
 * deploys and the administrator sets the parameter is theirs.
 */
export async function instrumentWarnings(
  em: EntityManager,
  xml: string,
  unset: readonly InstrumentKey[],
  templateOf: (em: EntityManager, id: string) => Promise<LoadedTemplate>,
): Promise<InstrumentWarning[]> {
  if (!unset.length) return [];
  let parsed;
  try {
    parsed = await parseBpmn(xml);
  } catch {
    return []; // the deploy checks report an unreadable model
  }
  const warnings: InstrumentWarning[] = [];
  for (const { elementId, templateId } of templatesIn(parsed.rootElement)) {
    const template = await templateOf(em, templateId).catch(() => null);
    if (!template) continue; // an unknown template is the deploy checks' error
    for (const key of instrumentsUsed(template).filter((k) => unset.includes(k))) {
      const { name, parameter } = REGIONAL_INSTRUMENTS[key];
      warnings.push({
        ...(elementId && { elementId }),
        severity: 'warning',
        message: `《${template.manifest.title}》引用${name}，但救助政策参数 ${parameter} 尚未设置：设置之前，本步骤出具该文书将被拒绝。${unsetInstrumentAdvice(key)}`,
      });
    }
  }
  return warnings;
}
