import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { FastifyInstance, FastifyServerOptions, LogController } from 'fastify';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const NEST_LEVELS: Record<Level, LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  silent: [],
};

/** Application logs: Nest's console logger writing one JSON object per line. */
export function appLogger(level: Level): ConsoleLogger | false {
  return level === 'silent' ? false : new ConsoleLogger({ json: true, logLevels: NEST_LEVELS[level] });
}

/**
 * Request logs: Fastify's own pino logger (no AsyncLocalStorage, so no hook on every promise), one line per
 * request with its id, and never a credential or cookie.
 */
export function requestLoggerOptions(level: Level, stream?: { write(line: string): void }): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  return {
    logger: {
      level,
      ...(stream ? { stream } : {}),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    },
    // Fastify's own two lines per request are replaced by logEachRequest's one.
    logController: new LogController({ disableRequestLogging: true }),
  };
}

export function logEachRequest(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request, reply) => {
    if (request.url === '/health') return;
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });
}
