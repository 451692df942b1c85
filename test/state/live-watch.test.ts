import { describe, expect, it } from 'vitest';
import { recentContainments, watchFor } from '../../source/state/live-watch.js';
import { loadIndex } from '../helpers/load.js';
import { DEMO } from '../ui/helpers.js';

describe('watching contained principals', () => {
  it('finds the containments verified within the window in the audit log, user or role', () => {
    const now = Date.parse('2026-12-04T13:00:00Z');
    const audit = [
      { at: '2026-12-04T12:10:00Z', action: 'containment verified', detail: 'user Old: ✓ x' },
      { at: '2026-12-04T12:45:00Z', action: 'containment verified', detail: 'user KeyHunter: ✓ x' },
      { at: '2026-12-04T12:50:00Z', action: 'containment incomplete', detail: 'user Other: ✗ x' },
      { at: '2026-12-04T12:55:00Z', action: 'containment verified', detail: 'role ops-admin: ✓ x' },
    ];
    expect(recentContainments(audit, now, 30 * 60 * 1000)).toEqual([
      { principal: 'KeyHunter', at: Date.parse('2026-12-04T12:45:00Z') },
      { principal: 'ops-admin', at: Date.parse('2026-12-04T12:55:00Z') },
    ]);
  });

  it('watches the keys and addresses the trail shows the principal with, not service host names', async () => {
    const { index } = await loadIndex([DEMO]);
    const watch = watchFor(index, 'KeyHunter', 0);
    expect(watch.principal).toBe('KeyHunter');
    expect(watch.ips).toContain('102.88.109.159');
    expect(watch.keys.length).toBeGreaterThan(0);
    for (const ip of watch.ips) expect(ip).toMatch(/^[\d.]+$|:/);
  });
});
