import { AppError } from '@app/common';
import { buildDraft, LoadedTemplate, TemplateDraftError } from '@app/documents';

/** Builds a draft, answering 400 with the field (and body line) of whatever is wrong. */
export function draft(manifest: Record<string, unknown>, body: string): LoadedTemplate {
  try {
    return buildDraft(manifest, body);
  } catch (err) {
    if (err instanceof TemplateDraftError) throw AppError.validation(err.message, err.details);
    throw err;
  }
}
