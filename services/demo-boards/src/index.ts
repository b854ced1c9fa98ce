export { startDemoBoards, type StartOptions, type DemoBoards, type DemoStats } from './server.ts';
export { loadConfig, ConfigError, type DemoBoardsConfig } from './config.ts';
export { buildCatalog, type Catalog, type CatalogOptions } from './catalog.ts';
export { sourceConfig, externalRef, USAJOBS_EMAIL } from './meta.ts';
