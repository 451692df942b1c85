import { describe, expect, it } from 'vitest';
import { deliveryOrder } from '../../source/ingest/delivery-order.js';
import type { SourceFile } from '../../source/ingest/source-file.js';

function files(...paths: string[]): SourceFile[] {
  return paths.map((path, id) => ({ id, path, size: 100 }));
}

describe('deliveryOrder', () => {
  it('orders a tree by the delivery time in the names, not account and region first', () => {
    const tree = files(
      'AWSLogs/111/CloudTrail/eu-west-1/2025/01/02/111_CloudTrail_eu-west-1_20250102T0005Z_b.json.gz',
      'AWSLogs/111/CloudTrail/us-east-1/2025/01/01/111_CloudTrail_us-east-1_20250101T2355Z_c.json.gz',
      'AWSLogs/222/CloudTrail/eu-west-1/2025/01/01/222_CloudTrail_eu-west-1_20250101T0010Z_a.json.gz',
      'AWSLogs/222/CloudTrail/us-east-1/2025/01/02/222_CloudTrail_us-east-1_20250102T0005Z_d.json.gz',
    );
    expect(deliveryOrder(tree).map((file) => file.id)).toEqual([2, 1, 0, 3]);
  });

  it('puts files without a delivery time first, in the order given, and standard input too', () => {
    const given: SourceFile[] = [
      ...files(
        '/x/111_CloudTrail_us-east-1_20250101T0100Z_a.json.gz',
        '/x/export.json',
        '/x/111_CloudTrail_us-east-1_20250101T0000Z_b.json.gz',
        '/x/lookup-events.json',
      ),
      { id: 4, path: '-', size: 3, bytes: new Uint8Array(3) },
    ];
    expect(deliveryOrder(given).map((file) => file.id)).toEqual([1, 3, 4, 2, 0]);
  });

  it('leaves the list it was given as it was', () => {
    const given = files('b_20250102T0000Z_x.json', 'a_20250101T0000Z_y.json');
    deliveryOrder(given);
    expect(given.map((file) => file.id)).toEqual([0, 1]);
  });
});
