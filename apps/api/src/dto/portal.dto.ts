import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { ApplicantDto, MemberDto } from './application.dto';

/** The draft application whose 核对授权书 the applicant is about to read and sign. */
export class AuthorizationTextDto {
  @ApiProperty({ enum: ['dibao'], example: 'dibao' })
  @IsIn(['dibao'], { message: '救助项目不在可选范围内' })
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

export class RegionQueryDto {
  @ApiProperty({ required: false, description: '上级行政区划代码；不填时返回县级' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9})$/, { message: '应为6位县级或9位乡镇行政区划代码' })
  parent?: string;
}
