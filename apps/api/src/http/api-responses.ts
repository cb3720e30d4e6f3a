import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

const binary = { schema: { type: 'string', format: 'binary' } } as const;

/** A 200 whose body is a file (PDF, ZIP, workbook, image), in one of the given media types. */
export function ApiFileResponse(...mediaTypes: string[]): MethodDecorator {
  return ApiOkResponse({
    description: '文件内容',
    content: Object.fromEntries(mediaTypes.map((type) => [type, binary])),
  });
}

/** A 200 that is JSON (`model`) or, depending on the request, a file in one of the given media types. */
export function ApiJsonOrFileResponse(model: new () => object, ...mediaTypes: string[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        ...Object.fromEntries(mediaTypes.map((type) => [type, binary])),
      },
    }),
  );
}
