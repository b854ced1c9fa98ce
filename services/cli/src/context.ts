import type { Kysely } from 'kysely';
import type { Redis } from 'ioredis';
import { createDb, createRepositories, type DB, type Repositories } from '@himatch/db';
import { closeRedisConnection, createProducer, createRedisConnection, type Producer } from '@himatch/queue';
import type { CliConfig } from './config.ts';

/** Connections a command opens on first use and the CLI closes before exiting. */
export class CliContext {
  readonly config: CliConfig;
  readonly json: boolean;
  #db: Kysely<DB> | null = null;
  #repos: Repositories | null = null;
  #redis: Redis | null = null;
  #producer: Producer | null = null;

  constructor(config: CliConfig, json: boolean) {
    this.config = config;
    this.json = json;
  }

  get db(): Kysely<DB> {
    this.#db ??= createDb(this.config.DATABASE_URL);
    return this.#db;
  }

  get repos(): Repositories {
    this.#repos ??= createRepositories(this.db);
    return this.#repos;
  }

  get redis(): Redis {
    this.#redis ??= createRedisConnection(this.config.REDIS_URL, { role: 'worker', connectionName: 'himatch-cli' });
    return this.#redis;
  }

  get producer(): Producer {
    this.#producer ??= createProducer({ connection: this.redis, prefix: this.config.QUEUE_PREFIX });
    return this.#producer;
  }

  /** Prints a result: JSON with --json, else the human form. */
  print(human: () => string, data: unknown): void {
    process.stdout.write(`${this.json ? JSON.stringify(data, null, 2) : human()}\n`);
  }

  async close(): Promise<void> {
    await this.#producer?.close();
    if (this.#redis) await closeRedisConnection(this.#redis);
    await this.#db?.destroy();
  }
}
