export { buildBaseline } from './build.js';
export * from './thresholds.js';
export * from './types.js';
export { networkOf, userAgentFamily } from './values.js';
