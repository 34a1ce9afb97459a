import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const LAUNCHER = resolve(ROOT, 'local-stack/target/local-stack-1.0.0-SNAPSHOT.jar');
const APPS = [
  LAUNCHER,
  resolve(ROOT, 'sender-service/target/quarkus-app/quarkus-run.jar'),
  resolve(ROOT, 'receiver-service/target/quarkus-app/quarkus-run.jar'),
];

/** A whole Switchboard (two senders, two receivers, Redis, PostgreSQL) started by the local-stack launcher. */
export class LocalStack {
  readonly senders: string[];
  readonly receivers: string[];
  /** The demo app's URL, when started with `demo: true`. */
  demo: string | null = null;
  readonly pids = new Map<string, number>();
  private output = '';

  private constructor(
    private readonly process: ChildProcess,
    senderPort: number,
    receiverPort: number,
  ) {
    this.senders = [0, 1].map((i) => `http://127.0.0.1:${senderPort + i}`);
    this.receivers = [0, 1].map((i) => `ws://127.0.0.1:${receiverPort + i}/ws`);
  }

  /**
   * Needs the packaged apps (the Maven build makes them before this module) and a JDK 21+ (JAVA_HOME or PATH).
   * `demo: true` also serves the built demo app (clients/demo/dist) on a free port; otherwise there is none.
   */
  static async start(env: Record<string, string> = {}, options: { demo?: boolean } = {}): Promise<LocalStack> {
    const missing = APPS.filter((app) => !existsSync(app));
    if (missing.length > 0) {
      throw new Error(`build the services first (./mvnw -DskipTests package): missing ${missing.join(', ')}`);
    }
    const senderPort = await freeRange(2);
    const receiverPort = await freeRange(2);
    const demoPort = options.demo ? await freeRange(1) : 0;
    const java = process.env.JAVA_HOME ? resolve(process.env.JAVA_HOME, 'bin/java') : 'java';
    const child = spawn(
      java,
      [
        '-cp',
        `${LAUNCHER}:${resolve(ROOT, 'local-stack/target/lib')}/*`,
        'dev.switchboard.localstack.LocalStack',
        '--sender-port',
        String(senderPort),
        '--receiver-port',
        String(receiverPort),
        '--demo-port',
        String(demoPort),
      ],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const stack = new LocalStack(child, senderPort, receiverPort);
    stack.demo = options.demo ? `http://127.0.0.1:${demoPort}/` : null;
    await new Promise<void>((ready, failed) => {
      const timer = setTimeout(() => failed(new Error(`local stack not up in 150 s:\n${stack.output}`)), 150_000);
      const read = (chunk: Buffer) => {
        stack.output += chunk.toString();
        for (const match of stack.output.matchAll(/^\s+((?:sender|receiver)-\d+)\s.*pid (\d+)\)$/gm)) {
          stack.pids.set(match[1], Number(match[2]));
        }
        if (stack.pids.size === 4) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.on('exit', (code) => failed(new Error(`local stack exited with ${code}:\n${stack.output}`)));
    });
    return stack;
  }

  async token(userId: string, ttlSeconds = 3600): Promise<string> {
    const answer = await fetch(`${this.senders[0]}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, ttlSeconds }),
    });
    return ((await answer.json()) as { token: string }).token;
  }

  /** kill -9 of one of its services. */
  kill(name: string): void {
    process.kill(this.pids.get(name)!, 'SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((done) => this.process.on('exit', done));
    this.process.kill('SIGTERM');
    await exited;
  }
}

async function freeRange(size: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const ports = Array.from({ length: size }, (_, i) => [base + i, base + i + 1000]).flat();
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) {
      return base;
    }
  }
  throw new Error('no free ports');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const server = createServer();
    server.once('error', () => answer(false));
    server.listen(port, '127.0.0.1', () => server.close(() => answer(true)));
  });
}

/** A redis-server of the system's on a free port, without persistence, that a test may stop and start again. */
export class RedisServer {
  private process: ChildProcess | null = null;

  private constructor(private readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freeRange(1));
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('error', () => undefined);
    this.process = child;
    await new Promise<void>((ready, failed) => {
      let output = '';
      const timer = setTimeout(() => failed(new Error(`redis-server not up:\n${output}`)), 15_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          ready();
        }
      });
      child.on('exit', (code) => failed(new Error(`redis-server exited with ${code} (is Debian's redis-server installed?):\n${output}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.on('exit', done));
    child.kill('SIGTERM');
    await exited;
    this.process = null;
  }
}

