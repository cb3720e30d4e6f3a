import { Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { OnlineBackupService } from '../backup/online-backup.service';
import { BackupListDto, OnlineBackupResultDto } from '../dto/responses/backups.response';

@ApiTags('运维')
@ApiBearerAuth()
@Controller('backups')
export class BackupsController {
  constructor(@Inject(OnlineBackupService) private readonly backups: OnlineBackupService) {}

  /** The backups written by the running API, newest first, and where they are. */
  @ApiOkResponse({ type: BackupListDto })
  @Get()
  @Requires('backup.manage')
  async list() {
    return { directory: this.backups.directory, files: await this.backups.list() };
  }

  /**
   * Backs up the database, the archive and the seal while the API runs, into BACKUP_DIR; the
   * same file format as `npm run backup`, restored with `npm run restore`.
   */
  @ApiCreatedResponse({ type: OnlineBackupResultDto })
  @Post()
  @Requires('backup.manage')
  create(@CurrentUser() user: AuthUser) {
    return this.backups.create(user);
  }
}
