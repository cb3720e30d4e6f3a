import { Global, Module } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AccountService } from './account.service';

@Global()
@Module({
  providers: [AuthService, AccountService, AuthGuard],
  exports: [AuthService, AccountService, AuthGuard],
})
export class AuthModule {}
