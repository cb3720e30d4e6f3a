/** Response bodies of the routes in controllers/programs.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';
import { FormFieldDto } from './shared.response';

export class ProgramDto {
  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  processKey!: string;

  @ApiProperty({ type: () => FormFieldDto, isArray: true })
  startForm!: FormFieldDto[];
}
