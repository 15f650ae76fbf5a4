export * from './CmpStatus.js';
export * from './DisplayStatus.js';
export * from './EventStatus.js';
