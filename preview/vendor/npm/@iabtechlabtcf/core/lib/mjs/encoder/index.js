export * from './Base64Url.js';
export * from './BitLength.js';
export * from './EncodingOptions.js';
export * from './SegmentEncoder.js';
export * from './SemanticPreEncoder.js';
export * from './field/index.js';
export * from './sequence/index.js';
