import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { DefinitionService } from '@app/workflow';
import { DeployProcessDto } from '../dto/process.dto';

@ApiTags('流程模型')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  constructor(private readonly definitions: DefinitionService) {}

  @Get()
  @Roles('legal_officer', 'admin', 'county_approver')
  list() {
    return this.definitions.list();
  }

  @Post()
  @Roles('legal_officer')
  async deploy(@Body() body: DeployProcessDto) {
    const { definition, created } = await this.definitions.deploy(body.xml, body.fileName);
    const { source: _source, ...summary } = definition;
    return { ...summary, created };
  }
}
