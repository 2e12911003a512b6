export { runBureau } from './run-bureau.js';
export { loadBureauConfig, type BureauConfig } from './bureau.config.js';
export { BUREAU_CONFIG, type BureauDescriptor } from './bureau.descriptor.js';
export { MAX_PAGE_SIZE, badUserInput, encodeCursor, parsePageRequest, toConnection, type Connection, type PageRequest } from './paging.js';
export { bureauSchemaFile } from './schema-file.js';
export { seedWhenEmpty } from './demo-seed.js';
export { insertInChunks } from '#database';
export { exchangeTokenMiddleware, type RequestWithExchange } from './exchange-token.middleware.js';
export { CallerExchange } from './exchange.decorator.js';
