import { registerDecorator, ValidationOptions } from 'class-validator';
import { missingGlyphsMessage } from '@app/documents';

/**
 * A person's name: letters (any script, so 少数民族 names in Latin or Uyghur letters too), the
 * 间隔号 and single spaces; at least one letter; one line.
 */
export const PERSON_NAME = /^(?=.*\p{L})[\p{Script=Han}\p{L}·. \u3000]+$/u;

/**
 * Text that appears in issued documents must be printable with the embedded font: a character the
 * font lacks (e.g. a rare CJK Extension B character in a name) would print as a blank box, so it
 * is refused here, naming the character, rather than discovered on a served notice.
 */
export function IsPrintable(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPrintable',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || missingGlyphsMessage(value) === undefined,
        defaultMessage: (args) => missingGlyphsMessage(String(args?.value ?? '')) ?? '含有无法显示的字',
      },
    });
}
