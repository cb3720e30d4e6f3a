import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '@app/common';

export function uuidPipe(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => AppError.validation('编号格式不正确', [{ field, message: '应为UUID格式的编号' }]),
  });
}
