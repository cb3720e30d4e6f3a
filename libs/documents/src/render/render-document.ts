import { createHash } from 'node:crypto';
import { stableStringify } from '@app/common';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatCnDate } from '../format/cn-format';
import { buildDocDefinition } from '../layout/build-doc-definition';
import { parseMarkup } from '../markup/parse-markup';
import { LoadedTemplate } from '../templates/template-types';
import { TemplateDataError, validateTemplateData } from '../templates/validate-data';
import { renderPdf } from './pdf-printer';

export interface RenderInput {
  template: LoadedTemplate;
  data: Record<string, unknown>;
  /** 文号; omitted for forms without one (and for unnumbered drafts). */
  number?: string;
  /** Becomes the 成文日期 and the PDF creation date, so re-rendering is byte-identical. */
  issuedAt: Date;
  verifyCode: string;
  verifyUrl: string;
}

const PRODUCER = 'shehui-jiuzhu documents';

/**
 * Validates the data and lays the document out, without producing PDF bytes; exported so a
 * benchmark can time pdfmake on its own.
 */
export function buildDocumentDefinition(input: RenderInput): TDocumentDefinitions {
  const { template, data } = input;
  const { manifest } = template;
  const errors = validateTemplateData(manifest.schema, data);
  if (errors.length) throw new TemplateDataError(manifest.id, errors);
  if (Number.isNaN(input.issuedAt.getTime())) {
    throw new TemplateDataError(manifest.id, [{ field: 'issuedAt', message: '「成文日期」无效' }]);
  }

  const issuerName = readIssuerName(data) ?? '';
  const blocks = parseMarkup(template.renderMarkup(data));
  return buildDocDefinition({
    title: manifest.title,
    letterhead: manifest.documentType === 'decision' || manifest.documentType === 'notice',
    issuerName,
    sealText: readIssuerField(data, 'sealText') ?? issuerName,
    number: input.number,
    dateText: formatCnDate(input.issuedAt),
    blocks,
    verifyCode: input.verifyCode,
    verifyUrl: input.verifyUrl,
    ...actingAuthority(data),
    info: {
      title: manifest.title,
      author: issuerName,
      subject: input.number ?? manifest.title,
      creator: PRODUCER,
      producer: PRODUCER,
      creationDate: input.issuedAt,
      modDate: input.issuedAt,
      // pdfkit derives the trailer /ID from the info dictionary, so this makes the ID a
      // function of the full input instead of just the date.
      ...({ InputHash: inputHash(input) } as Record<string, string>),
    },
  });
}

/** The delegate's acting authority the issuer froze into the data (`actingAuthority.label`). */
function actingAuthority(data: Record<string, unknown>): { actingAuthority?: string } {
  const acting = data.actingAuthority as { label?: unknown } | undefined;
  return typeof acting?.label === 'string' ? { actingAuthority: acting.label } : {};
}

/** Renders the document; identical input yields identical bytes. */
export async function renderDocument(input: RenderInput): Promise<Buffer> {
  return renderPdf(buildDocumentDefinition(input));
}

/** Bare pdfmake rendering of a prepared definition (for benchmarks). */
export function renderBareDocDefinition(docDefinition: TDocumentDefinitions): Promise<Buffer> {
  return renderPdf(docDefinition);
}

function readIssuerName(data: Record<string, unknown>): string | undefined {
  return readIssuerField(data, 'name');
}

/** A text field of the issuing organ (`sealText` is absent in documents frozen before organs). */
function readIssuerField(data: Record<string, unknown>, field: 'name' | 'sealText'): string | undefined {
  const issuer = data.issuer as Record<string, unknown> | undefined;
  const value = issuer?.[field];
  return typeof value === 'string' && value ? value : undefined;
}

function inputHash(input: RenderInput): string {
  return createHash('sha256')
    .update(
      stableStringify({
        template: input.template.contentHash,
        data: input.data,
        number: input.number ?? null,
        issuedAt: input.issuedAt.toISOString(),
        verifyCode: input.verifyCode,
        verifyUrl: input.verifyUrl,
      }),
    )
    .digest('hex');
}
