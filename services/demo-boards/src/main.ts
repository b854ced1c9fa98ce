import { ConfigError, loadConfig } from './config.ts';
import { startDemoBoards } from './server.ts';

// Entry point: `node services/demo-boards/src/main.ts`. Config comes only from the env.

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const boards = await startDemoBoards({
    port: config.port, host: config.host, seed: config.seed, count: config.count, generation: config.generation,
    crawlDelay: config.crawlDelay, slowMs: config.slowMs, rateLimitFirst: config.rateLimitFirst, usajobsApiKey: config.usajobsApiKey,
    benchCount: config.benchCount,
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
  });
  process.stdout.write(`${JSON.stringify({ msg: 'demo-boards listening', url: boards.url, seed: config.seed, count: config.count, generation: config.generation })}\n`);
  const stop = (): void => {
    boards.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
