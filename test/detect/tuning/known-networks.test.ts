import { describe, expect, it } from 'vitest';
import { buildBaseline } from '../../../source/detect/baseline/index.js';
import { DetectionContext } from '../../../source/detect/context.js';
import { geoDatabase } from '../../../source/geo/index.js';
import {
  knownNetworksOf,
  compileTuning,
  parseTuningText,
} from '../../../source/detect/tuning/index.js';
import { indexOfFields, type FieldsRow } from '../../helpers/fields-index.js';

const geo = geoDatabase();
const at = (day: number, hour: number) => Date.UTC(2025, 2, day, hour);
const HOME = '81.2.69.142';
const VPN = '198.51.100.23';

describe('known egress networks feed the baseline', () => {
  it('an address in a known network is established for everyone, on every place dimension', () => {
    const rows: FieldsRow[] = [];
    for (let day = 1; day <= 4; day++)
      rows.push({ principal: 'alice', time: at(day, 9), sourceIp: HOME, eventName: 'ListBuckets' });
    rows.push({ principal: 'alice', time: at(5, 9), sourceIp: VPN, eventName: 'ListBuckets' });
    const index = indexOfFields(rows);
    const judge = (knownNetworks?: readonly string[]) =>
      buildBaseline(
        new DetectionContext(index, (ip) => geo.lookup(ip)),
        knownNetworks ? { knownNetworks } : {},
      );
    const vpnRow = rows.length - 1;
    expect(judge().standing(vpnRow, 'address')).toBe('new');
    const tuning = compileTuning(
      parseTuningText('networks:\n  - {cidr: 198.51.100.0/24, label: corporate VPN}\n', 't.yml'),
    );
    const known = judge(knownNetworksOf(tuning).knownNetworks);
    expect(known.standing(vpnRow, 'address')).toBe('established');
    expect(known.standing(vpnRow, 'network')).toBe('established');
    // Not places: the VPN says nothing of what was called.
    expect(known.standing(vpnRow, 'eventName')).toBe(judge().standing(vpnRow, 'eventName'));
    expect(known.standing(0, 'address')).toBe('no-baseline');
  });
});
