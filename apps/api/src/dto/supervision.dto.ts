import { ApiProperty } from '@nestjs/swagger';
import {
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsPrintable, PERSON_NAME } from './printable';

const RELATIONS = ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'];

export class RecheckDrawDto {
  @ApiProperty({ description: '抽查范围：县（6位）、乡镇（9位）或村（12位）行政区划代码', example: '410799' })
  @Matches(/^(\d{6}|\d{9}|\d{12})$/, { message: '行政区划代码应为6位、9位或12位数字' })
  regionCode!: string;

  @ApiProperty({ description: '抽查比例（大于0且不超过1）', example: 0.3 })
  @IsNumber({ maxDecimalPlaces: 3 }, { message: '抽查比例应为数字，最多三位小数' })
  @Max(1, { message: '抽查比例不能超过1' })
  ratio!: number;

  @ApiProperty({ required: false, enum: ['dibao', 'tekun', 'dibian'], description: '救助项目，默认低保' })
  @IsOptional()
  @IsIn(['dibao', 'tekun', 'dibian'], { message: '救助项目不在可选范围内' })
  program?: string;
}

export class NearRelativeDto {
  @ApiProperty({ description: '经办人员的用户编号（GET /api/supervision/near-relatives/staff）' })
  @IsUUID('all', { message: '应为UUID格式的用户编号' })
  staffUserId!: string;

  @ApiProperty({ example: '钱小华' })
  @IsString({ message: '姓名必须是文字' })
  @MinLength(1, { message: '姓名不能为空' })
  @MaxLength(50, { message: '姓名不能超过50个字' })
  @Matches(PERSON_NAME, { message: '姓名只能包含文字和间隔号，且不能换行' })
  @IsPrintable()
  relativeName!: string;

  @ApiProperty({ example: '410799198001010011' })
  @IsString({ message: '身份证号码必须是文字' })
  relativeIdNumber!: string;

  @ApiProperty({ enum: RELATIONS })
  @IsIn(RELATIONS, { message: `亲属关系应为：${RELATIONS.join('、')}` })
  relation!: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString({ message: '备注必须是文字' })
  @MaxLength(500, { message: '备注不能超过500个字' })
  note?: string;
}
