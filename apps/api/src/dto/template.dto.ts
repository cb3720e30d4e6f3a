import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date';

export class TemplateDraftDto {
  @ApiProperty({ description: 'manifest.json 的内容（对象）' })
  @IsObject({ message: '模板说明必须是 JSON 对象' })
  manifest!: Record<string, unknown>;

  @ApiProperty({ description: 'body.hbs 正文（Handlebars）' })
  @IsString({ message: '正文必须是文字' })
  @MaxLength(200_000, { message: '正文不能超过20万字' })
  body!: string;
}

export class TemplatePreviewDto extends TemplateDraftDto {
  @ApiProperty({ required: false, description: '预览用数据，默认用 manifest.sample' })
  @IsOptional()
  @IsObject({ message: '预览数据必须是 JSON 对象' })
  data?: Record<string, unknown>;
}

export class PublishTemplateDto extends TemplateDraftDto {
  @ApiProperty({ required: false, example: '2026-12-01', description: '生效日期，默认今天' })
  @IsOptional()
  @IsCalendarDate('生效日期')
  effectiveFrom?: string;
}
