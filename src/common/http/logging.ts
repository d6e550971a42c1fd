import { DynamicModule, LoggerService } from '@nestjs/common';
import { FastifyInstance, FastifyServerOptions, LogController } from 'fastify';
import { Logger as NestPinoLogger, LoggerModule, PinoLogger as NestPino } from 'nestjs-pino';
import pino, { Logger as PinoLogger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Where nothing secret may ever appear, whatever a caller logs by mistake. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.passwordHash',
  '*.password_hash',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
];

/**
 * Errors as logged: name, message, code, stack and where the database refused — never the values of a
 * statement (`parameters`: a failed INSERT INTO users carries a password hash) nor PostgreSQL's `detail`,
 * which repeats the key values of a violated constraint.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: Record<string, unknown> = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  delete out.parameters;
  delete out.detail;
  const driver = (err as { driverError?: Record<string, unknown> }).driverError;
  if (driver) {
    out.driverError = Object.fromEntries(['code', 'severity', 'constraint', 'table', 'column', 'routine'].filter((k) => driver[k] !== undefined).map((k) => [k, driver[k]]));
  }
  return out;
}

/**
 * The service's one logger: pino, one JSON object per line, the level as a word, time as ISO 8601. Fastify
 * logs through it (each request's child logger carries `requestId`), and so does Nest (nestjs-pino binds
 * the request's logger to every line logged while the request runs).
 */
export function createRootLogger(level: LogLevel, stream?: { write(line: string): void }): PinoLogger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: serializeError, error: serializeError },
    },
    // synchronous: the last lines before a crash are the ones that matter
    (stream as pino.DestinationStream | undefined) ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Fastify's options for that logger: our request ids, and one line per request (logEachRequest) instead of two. */
export function fastifyLogging(logger: PinoLogger): Pick<FastifyServerOptions, 'loggerInstance' | 'logController'> {
  return {
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
  };
}

/**
 * Nest's own logger, given to NestFactory.create: from the first line of start-up (a module that fails to
 * initialise included) Nest writes through the same pino, bound to the request in flight when there is one.
 */
export function nestLogger(logger: PinoLogger): LoggerService {
  return new NestPinoLogger(new NestPino({ pinoHttp: { logger } }), { pinoHttp: { logger } });
}

/** Binds each request's child logger (with its requestId) for Nest's logger while the request runs. */
export function loggingModule(logger: PinoLogger): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true });
}

const QUIET = /^\/(health|metrics)(\/|$|\?)/;

/** Query parameters whose value is a credential when a client (or a link) puts one in the address. */
const SECRET_PARAM = /token|password|passwd|secret|signature|api[-_]?key|jwt|session|auth|credential/i;

/** The address as logged: every credential-like query value replaced, so a `?access_token=` never reaches a log. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    let name = eq < 0 ? pair : pair.slice(0, eq);
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      return '[redacted]'; // an undecodable name could hide anything
    }
    return eq >= 0 && SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=[redacted]` : pair;
  });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

export function logEachRequest(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request, reply) => {
    if (QUIET.test(request.url)) return;
    request.log.info(
      { method: request.method, url: redactUrl(request.url), route: request.routeOptions?.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });
}
