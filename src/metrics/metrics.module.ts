import { Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** Prometheus metrics (prom-client); served at /metrics by registerMetricsRoute (app.setup.ts). */
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
