import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsPrintable, PERSON_NAME } from './printable';

const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;
const USERNAME_MESSAGE = '用户名应为3–32位小写字母、数字、下划线、点或连字符，以字母开头';
const REGION = /^(\d{6}|\d{9}|\d{12})$/;
const REGION_MESSAGE = 'regionCode 应为6位（县）、9位（乡镇）或12位（村）行政区划代码';
const PASSWORD_LENGTH = '密码长度应为8–72个字符';

export class CreateAccountDto {
  @ApiProperty({ example: 'zhang.clerk' })
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username!: string;

  @ApiProperty({ example: '张受理' })
  @Matches(PERSON_NAME, { message: '姓名只能包含文字和间隔号，且不能换行' })
  @MaxLength(30, { message: '姓名不超过30个字' })
  @IsPrintable()
  displayName!: string;

  @ApiProperty({ example: 'window_clerk' })
  @IsString({ message: '请选择角色' })
  role!: string;

  @ApiProperty({ required: false, example: ['investigator'] })
  @IsOptional()
  @IsArray({ message: '兼任职责应为列表' })
  @ArrayMaxSize(5, { message: '兼任职责不超过5项' })
  @IsString({ each: true, message: '兼任职责应为角色代码' })
  extraRoles?: string[];

  @ApiProperty({ example: '410799101' })
  @Matches(REGION, { message: REGION_MESSAGE })
  regionCode!: string;

  @ApiProperty({ example: 'Chushi2026' })
  @IsString({ message: '请填写初始密码' })
  @Length(8, 72, { message: PASSWORD_LENGTH })
  password!: string;
}

export class UpdateAccountDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @Matches(PERSON_NAME, { message: '姓名只能包含文字和间隔号，且不能换行' })
  @MaxLength(30, { message: '姓名不超过30个字' })
  @IsPrintable()
  displayName?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString({ message: '角色应为角色代码' })
  role?: string;

  @ApiProperty({ required: false, type: [String] })
  @IsOptional()
  @IsArray({ message: '兼任职责应为列表' })
  @ArrayMaxSize(5, { message: '兼任职责不超过5项' })
  @IsString({ each: true, message: '兼任职责应为角色代码' })
  extraRoles?: string[];

  @ApiProperty({ required: false })
  @IsOptional()
  @Matches(REGION, { message: REGION_MESSAGE })
  regionCode?: string;

  @ApiProperty({ required: false, description: 'true 停用，false 启用' })
  @IsOptional()
  @IsBoolean({ message: 'disabled 应为 true 或 false' })
  disabled?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ example: 'Chongzhi2026' })
  @IsString({ message: '请填写新密码' })
  @Length(8, 72, { message: PASSWORD_LENGTH })
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: '请填写当前密码' })
  @Length(1, 128, { message: '当前密码长度应为1–128个字符' })
  currentPassword!: string;

  @ApiProperty()
  @IsString({ message: '请填写新密码' })
  @Length(8, 72, { message: PASSWORD_LENGTH })
  newPassword!: string;
}
