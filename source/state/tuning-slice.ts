import type { StateCreator } from 'zustand/vanilla';
import { networkOf } from '../detect/baseline/values.js';
import { isRuleId, type SuppressEntry } from '../detect/tuning/index.js';
import type { AppState, ResolvedDeps, TuningSlice } from './types.js';

/**
 * Dismiss → tuning: after the analyst says why a finding is wrong, they may say "never again for
 * this principal" (and, when all its evidence came from one /24 or /48, "from this network").
 * The entry goes into the case, audited; the findings are re-judged at once.
 */
export const createTuningSlice =
  (deps: ResolvedDeps): StateCreator<AppState, [], [], TuningSlice> =>
  (set, get) => ({
    tuneOffer: undefined,
    offerTuning: (key, reason) => {
      const finding = get().listedFindings.find((candidate) => candidate.key === key);
      // A finding of no single principal, or raised outside the rules (the live watch's), has
      // nothing a suppression could name.
      if (!finding || finding.principal === '' || !isRuleId(finding.ruleId) || !get().caseFile)
        return;
      const networks = new Set<string>();
      for (const row of finding.rows) {
        const network = networkOf(deps.index.value(row, 'sourceIp'));
        if (network) networks.add(network);
      }
      const [network] = networks;
      set({
        tuneOffer: {
          key,
          ruleId: finding.ruleId,
          principal: finding.principal,
          ...(networks.size === 1 && network ? { network } : {}),
          reason,
        },
      });
    },
    acceptTuneOffer: (scope) => {
      const offer = get().tuneOffer;
      if (!offer || (scope === 'network' && !offer.network)) return;
      set({ tuneOffer: undefined });
      const entry: SuppressEntry = {
        kind: 'suppress',
        rule: offer.ruleId,
        principal: offer.principal,
        ...(scope === 'network' ? { network: offer.network! } : {}),
        reason: offer.reason,
      };
      if (get().addTuningEntry(entry))
        set({
          message: `never again: ${offer.ruleId} for ${offer.principal}${scope === 'network' ? ` from ${offer.network}` : ''} (in the case's tuning)`,
        });
    },
    declineTuneOffer: () => set({ tuneOffer: undefined }),
  });
