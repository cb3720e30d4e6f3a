import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { ApiErrorBodyDto } from '../dto/responses/error.response';
import { MARKUP_BLOCKS } from '../dto/responses/markup.response';

/**
 * The OpenAPI document of the API, served at /api/docs and written to the web app's checked-in
 * contract by `npm run api:contract`; one builder so the two never differ.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('社会救助经办系统 API')
    .setDescription('低保申请、受理、调查、审核确认与文书出具')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    // Referenced only through oneOf or below, which does not register a schema by itself.
    extraModels: [...MARKUP_BLOCKS, ApiErrorBodyDto],
    // Short operation ids (`Cases_detail`) for the generated web types.
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  nullInNullableEnums(document);
  errorAnswers(document);
  return document;
}

/** Every route may fail, and every failure has the one shape the error filter writes. */
function errorAnswers(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses.default ??= {
        description: '错误：code、message 与逐字段的 details',
        content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorBodyDto) } } },
      };
    }
  }
}

/**
 * OpenAPI 3.0.3: a nullable enum must list null among its values, or validators refuse the null
 * the API sends (`caseUrgency: null`); Nest's `nullable: true` alone does not add it.
 */
function nullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(nullInNullableEnums);
  } else if (node && typeof node === 'object') {
    const schema = node as { nullable?: boolean; enum?: unknown[] };
    if (schema.nullable && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
    Object.values(node).forEach(nullInNullableEnums);
  }
}

/**
 * The same document without a database, data directory or server: Nest's preview mode registers
 * the modules and reads the controllers' metadata without instantiating a single provider.
 */
export async function buildOpenApiDocumentOffline(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: ['error'], abortOnError: false });
  app.setGlobalPrefix('api');
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
