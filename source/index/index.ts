export { EventIndex } from './event-index.js';
export { filterRows } from './filter.js';
export { topValues, timeSpan, type ValueCount } from './aggregate.js';
export { Dictionary } from './dictionary.js';
