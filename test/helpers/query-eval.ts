import { TEXT_FIELDS, type EventFields } from '../../source/trail/event.js';
import { operationName } from '../../source/trail/event-name.js';
import {
  compileMatcher,
  isGroup,
  QUERY_FIELDS,
  type Node,
} from '../../source/trail/query/index.js';

/**
 * A query evaluated the plain way, on one event's fields: AND / OR over the tree, negation per
 * node, each term's matcher on each of its columns. The index must agree with it on every row.
 */
export function holds(node: Node, event: Omit<EventFields, 'eventId'>): boolean {
  let result: boolean;
  if (isGroup(node)) {
    const each = (child: Node) => holds(child, event);
    result = node.kind === 'and' ? node.children.every(each) : node.children.some(each);
  } else if (node.kind === 'time') {
    result = node.bound === 'after' ? event.time >= node.at : event.time < node.at;
  } else {
    const match = compileMatcher(node);
    const columns = node.kind === 'field' ? QUERY_FIELDS[node.field] : TEXT_FIELDS;
    // `event:UpdateFunctionCode` also names Lambda's `UpdateFunctionCode20150331v2`.
    const test = (column: (typeof columns)[number]) =>
      match(event[column]) || (column === 'eventName' && match(operationName(event[column])));
    result = columns.some(test);
  }
  return result !== node.negate;
}
