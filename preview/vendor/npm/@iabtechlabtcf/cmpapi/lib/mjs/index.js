export * from './command/index.js';
export * from './response/index.js';
export * from './status/index.js';
export * from './CmpApi.js';
export * from './CmpApiModel.js';
export * from './CustomCommands.js';
export { API_KEY } from './CallResponder.js';
