import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, ErrorDetail } from '@app/common';

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

/** class-validator with zh-CN messages and dotted field paths; unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors).map((d) =>
        d.message.startsWith('property ') ? { field: d.field, message: '不允许的字段' } : d,
      );
      return AppError.validation(
        details[0] ? `${details[0].field}：${details[0].message}` : '请求内容有误',
        details,
      );
    },
  });
}
