import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, ErrorDetail } from '@app/common';
import { inputProblems } from './input-guard';

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property)
      ? `${prefix}[${e.property}]`
      : prefix
        ? `${prefix}.${e.property}`
        : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function refuse(details: ErrorDetail[]): AppError {
  return AppError.validation(
    details[0] ? `${details[0].field}：${details[0].message}` : '请求内容有误',
    details,
  );
}

/**
 * class-validator with zh-CN messages and dotted field paths; unknown fields are refused. Before
 * any DTO runs, bodies and query values are checked for prototype keys (`__proto__`,
 * `constructor`, `prototype`), control and bidi characters and excessive nesting, so no code
 * downstream — free-form objects such as form data, template data or the household included —
 * ever sees them.
 */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problems = inputProblems(value, metadata.type === 'query' ? (metadata.data ?? '') : '');
      if (problems.length) throw refuse(problems);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      refuse(
        flatten(errors).map((d) =>
          d.message.startsWith('property ') ? { field: d.field, message: '不允许的字段' } : d,
        ),
      ),
  });
}
