import { loadEnvFile } from './env-file';

// Imported first by every entry point (main, the CLIs), so `.env` is in process.env before any module reads it.
try {
  loadEnvFile();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
