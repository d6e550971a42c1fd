import { Module } from '@nestjs/common';
import { CentersController, UnionsController } from './unions.controller';
import { UnionsRepository } from './unions.repository';
import { UnionsService } from './unions.service';

@Module({
  controllers: [CentersController, UnionsController],
  providers: [UnionsService, UnionsRepository],
  exports: [UnionsService, UnionsRepository],
})
export class UnionsModule {}
