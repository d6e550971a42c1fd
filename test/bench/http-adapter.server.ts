import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { apiValidationPipe } from '../../src/common/validation/validation.pipe';
import { CreateVoucherDto } from '../../src/ledger/vouchers/dto/voucher.dto';

/** The HTTP layer alone: the real voucher DTO and validation pipe, no database. Run by http-adapter.bench.ts. */
@Controller()
class ProbeController {
  @Post('api/unions/:unionId/vouchers')
  create(@Param('unionId') unionId: string, @Body() dto: CreateVoucherDto) {
    return { unionId, date: dto.date, lines: dto.lines.length, status: 'draft' };
  }

  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

async function main() {
  const [adapterName, port] = process.argv.slice(2);
  const adapter = adapterName === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(ProbeModule, adapter, { logger: false });
  app.useGlobalPipes(apiValidationPipe());
  await app.listen(Number(port), '127.0.0.1');
  process.send?.('ready');
}
void main();
