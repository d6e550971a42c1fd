import { createRootLogger } from '../common/http/logging';
import { loadEnvFile } from './env-file';

// Imported first by every entry point (main, the CLIs), so `.env` is in process.env before any module reads it.
try {
  loadEnvFile();
} catch (err) {
  // the service's log format from the first line (LOG_LEVEL may be the very setting that could not be read)
  createRootLogger('info').child({ context: 'start-up' }).fatal(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
