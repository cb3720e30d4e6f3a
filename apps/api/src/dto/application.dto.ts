import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_PROGRAMS } from '@app/cases';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsPrintable, PERSON_NAME } from './printable';

export class ApplicantDto {
  @ApiProperty({ example: '王建国' })
  @IsString({ message: '姓名必须是文字' })
  @MinLength(1, { message: '姓名不能为空' })
  @MaxLength(50, { message: '姓名不能超过50个字' })
  @Matches(PERSON_NAME, { message: '姓名只能包含文字和间隔号，且不能换行' })
  @IsPrintable()
  name!: string;

  @ApiProperty({ example: '41079919810305001X' })
  @IsString({ message: '身份证号码必须是文字' })
  idNumber!: string;

  @ApiProperty({ example: '平安县城关镇东关村3组12号' })
  @IsString({ message: '住址必须是文字' })
  @MinLength(2, { message: '住址不能为空' })
  @MaxLength(200, { message: '住址不能超过200个字' })
  @IsPrintable()
  address!: string;

  @ApiProperty({ required: false, example: '13800000000' })
  @IsOptional()
  @Matches(/^1\d{10}$/, { message: '手机号码应为11位数字' })
  phone?: string;
}

export class MemberDto {
  @ApiProperty()
  @IsString({ message: '姓名必须是文字' })
  @MinLength(1, { message: '姓名不能为空' })
  @MaxLength(50, { message: '姓名不能超过50个字' })
  @Matches(PERSON_NAME, { message: '姓名只能包含文字和间隔号，且不能换行' })
  @IsPrintable()
  name!: string;

  @ApiProperty()
  @IsString({ message: '身份证号码必须是文字' })
  idNumber!: string;

  @ApiProperty({ enum: ['本人', '配偶', '子女', '父母', '兄弟姐妹', '祖父母', '孙子女', '其他'] })
  @IsIn(['本人', '配偶', '子女', '父母', '兄弟姐妹', '祖父母', '孙子女', '其他'], {
    message: '与申请人关系不在可选范围内',
  })
  relation!: string;
}

/** The applicant's online signature of the 家庭经济状况核对授权书 they read in the portal. */
export class AuthorizationDto {
  @ApiProperty({ description: '签名：申请人本人姓名', example: '王建国' })
  @IsString({ message: '签名必须是文字' })
  @MinLength(1, { message: '请输入您的姓名作为签名' })
  @MaxLength(50, { message: '签名不能超过50个字' })
  @IsPrintable()
  signerName!: string;

  @ApiProperty({ description: '本人及家庭成员同意授权' })
  @IsIn([true], { message: '须同意授权后方可申请' })
  accepted!: boolean;

  @ApiProperty({ description: '所阅读授权书文本的 SHA-256（POST /api/portal/authorization-text 返回）' })
  @Matches(/^[0-9a-f]{64}$/, { message: '授权书文本摘要格式不正确' })
  textHash!: string;
}

/** What an application says about the household; also what the portal renders the 核对授权书 from. */
export class ApplicationDraftDto {
  @ApiProperty({ enum: APPLICATION_PROGRAMS, example: 'dibao' })
  @IsIn(APPLICATION_PROGRAMS, { message: '救助项目不在可选范围内' })
  program!: string;

  @ApiProperty({ description: '村（社区）12位行政区划代码', example: '410799100201' })
  @Matches(/^\d{12}$/, { message: '应为12位村（社区）行政区划代码' })
  regionCode!: string;

  @ApiProperty({ type: ApplicantDto })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({ type: [MemberDto] })
  @ArrayMinSize(1, { message: '至少填写一名家庭成员' })
  @ArrayMaxSize(30, { message: '家庭成员不能超过30人' })
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members!: MemberDto[];
}

export class ApplicationDto extends ApplicationDraftDto {
  @ApiProperty({ description: '家庭成员中是否有社会救助经办人员或村（居）委成员的近亲属' })
  @IsBoolean({ message: '必须为是或否' })
  nearRelative!: boolean;

  @ApiProperty({ description: '全体成年家庭成员已签署家庭经济状况核对授权书' })
  @IsIn([true], { message: '须签署家庭经济状况核对授权书后方可申请' })
  authorizationSigned!: boolean;

  @ApiProperty({ type: AuthorizationDto, required: false, description: '申请人在线申请时必填' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuthorizationDto)
  authorization?: AuthorizationDto;

  @ApiProperty({
    required: false,
    description: '申请流程开始表单的填写内容（如临时救助的类型、紧急程度），按流程模型校验',
  })
  @IsOptional()
  @IsObject({ message: '必须是对象' })
  variables?: Record<string, unknown>;
}

/** A household member signs the 核对授权书 on the applicant's phone (one after another). */
export class MemberSignatureDto {
  @ApiProperty({ description: '签署的家庭成员（家庭成员列表中的序号，从 0 起）', example: 1 })
  @IsInt({ message: '家庭成员序号必须是整数' })
  @Min(0, { message: '家庭成员序号不能为负数' })
  memberIndex!: number;

  @ApiProperty({ description: '签名：该成员本人姓名', example: '李秀英' })
  @IsString({ message: '签名必须是文字' })
  @MinLength(1, { message: '请输入本人姓名作为签名' })
  @MaxLength(50, { message: '签名不能超过50个字' })
  @IsPrintable()
  signerName!: string;

  @ApiProperty({ description: '本人同意授权' })
  @IsIn([true], { message: '须同意授权后方可签署' })
  accepted!: boolean;

  @ApiProperty({ description: '所阅读授权书文本的 SHA-256（GET /api/portal/cases/{id}/authorization 返回）' })
  @Matches(/^[0-9a-f]{64}$/, { message: '授权书文本摘要格式不正确' })
  textHash!: string;
}

/** The window records a member's paper signature of the 核对授权书, with its scan. */
export class WindowSignatureDto {
  @ApiProperty({ description: '签署的家庭成员（家庭成员列表中的序号，从 0 起）', example: 1 })
  @IsInt({ message: '家庭成员序号必须是整数' })
  @Min(0, { message: '家庭成员序号不能为负数' })
  memberIndex!: number;

  @ApiProperty({ description: '已上传的签字授权书扫描件（材料 id）' })
  @IsUUID('all', { message: '扫描件 id 格式不正确' })
  attachmentId!: string;

  @ApiProperty({ description: '已核对签署人本人的身份证件，与家庭成员姓名、身份证号一致' })
  @IsIn([true], { message: '请先核对签署人本人的身份证件' })
  identityChecked!: boolean;
}
