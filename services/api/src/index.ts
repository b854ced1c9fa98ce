export { buildApp, type ApiDeps } from './app.ts';
export { loadConfig, type ApiConfig } from './config.ts';
export { csvCell } from './csv.ts';
