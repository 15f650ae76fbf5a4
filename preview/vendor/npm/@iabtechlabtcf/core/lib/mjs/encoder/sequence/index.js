// created from 'create-ts-index'
export * from './FieldSequence.js';
export * from './SegmentSequence.js';
export * from './SequenceVersionMap.js';
