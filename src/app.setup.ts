import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { v7 as uuidv7 } from 'uuid';
import { AppModule, AppRuntime } from './app.module';
import { answerRouterError } from './common/http/exception.filter';
import { buildOpenApiDocument } from './common/openapi/openapi.document';
import { registerJsonBody, MAX_JSON_BYTES } from './common/http/json-body';
import { createRootLogger, fastifyLogging, logEachRequest, nestLogger } from './common/http/logging';
import { validateEnv } from './config/app.config';
import { MAX_ATTACHMENT_BYTES } from './claims/domain/file-type';
import { defaultWebDir, serveWebApp } from './web-host/web-host';
import { MetricsService } from './metrics/metrics.service';
import { registerMetricsRoute } from './metrics/metrics.route';
import { parseOrigins, registerHttpSecurity } from './common/http/security';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the HTTP application exactly as it runs in production; tests use the same function. */
export async function createApp(
  runtime: AppRuntime,
  opts: {
    swagger?: boolean;
    /** where request logs go instead of stdout (tests read them) */
    logStream?: { write(line: string): void };
    /** the built web app to serve at `/` (default dist-web/ of this checkout); false serves none */
    web?: string | false;
  } = {},
): Promise<NestFastifyApplication> {
  const { LOG_LEVEL, TRUST_PROXY, METRICS_TOKEN, CORS_ORIGINS } = validateEnv(process.env);
  const logger = createRootLogger(LOG_LEVEL, opts.logStream);
  const adapter = new FastifyAdapter({
    trustProxy: TRUST_PROXY === 'true',
    bodyLimit: MAX_JSON_BYTES,
    frameworkErrors: answerRouterError,
    ...fastifyLogging(logger),
    // A caller's X-Request-Id is kept (so logs correlate across services); otherwise we mint one.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
      (req as IncomingMessage & { id: string }).id = id;
      return id;
    },
  });
  // bodyParser off: JSON is parsed by registerJsonBody (depth and size first), and nothing else is taken
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(runtime, { logger }), adapter, { logger: nestLogger(logger), bodyParser: false });
  const fastify = app.getHttpAdapter().getInstance();
  await registerHttpSecurity(fastify, { corsOrigins: parseOrigins(CORS_ORIGINS) });
  registerJsonBody(fastify);
  // claim documents: one file per request; the 10 MB limit is enforced while streaming, not after
  await app.register(multipart as never, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, fieldSize: 1024 } });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  logEachRequest(fastify);
  if (opts.web !== false) await serveWebApp(fastify, opts.web ?? defaultWebDir());
  registerMetricsRoute(fastify, app.get(MetricsService), METRICS_TOKEN);
  if (opts.swagger ?? true) setupSwagger(app);
  return app;
}

function setupSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
