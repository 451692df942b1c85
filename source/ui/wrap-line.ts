// The store wraps too (the detail pane scrolls by wrapped lines): one wrapper for both.
export { wrapLine } from '../state/wrap-line.js';
