/** Response bodies of the routes in controllers/workbench.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class CaseDiagramDefinitionDto {
  @ApiProperty({ type: String })
  key!: string;

  @ApiProperty({ type: Number })
  version!: number;
}

export class CaseDiagramDto {
  @ApiProperty({ type: String })
  xml!: string;

  @ApiProperty({ type: () => CaseDiagramDefinitionDto })
  definition!: CaseDiagramDefinitionDto;

  @ApiProperty({ type: String, isArray: true })
  completed!: string[];

  @ApiProperty({ type: String, isArray: true })
  taken!: string[];

  @ApiProperty({ type: String, isArray: true })
  active!: string[];
}

export class DocumentPreviewDto {
  @ApiProperty({ type: String })
  templateId!: string;

  @ApiProperty({ type: String })
  title!: string;
}

export class DocumentPreviewListDto {
  @ApiProperty({ type: () => DocumentPreviewDto, isArray: true })
  documents!: DocumentPreviewDto[];
}

/** An account a staff-picker form field offers. */
export class CaseStaffMemberDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, description: '显示名（记入表单的人员姓名）' })
  name!: string;

  @ApiProperty({ type: String })
  regionCode!: string;
}
