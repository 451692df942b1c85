import type { DetectionContext } from '../context.js';
import type { Severity } from '../finding.js';
import type { BuiltinRule, RuleHit } from '../rule.js';
import { loginWithoutMfa, newPlaces, sensitiveAfter } from './novelty.js';

/** Sign-ins and new places against each actor's baseline (Amazon Detective's NewGeolocation). */

function succeeded(context: DetectionContext, row: number): boolean {
  const outcome = context.facts(row)?.outcome;
  return outcome ? outcome === 'Success' : context.value(row, 'error') === '';
}

export const NEW_PLACE_RULES: BuiltinRule[] = [
  {
    id: 'console-login-new-ip',
    title: 'Console login from a new address, country or network',
    severity: 'medium',
    techniques: ['T1078.004'],
    why: 'A user signing in from somewhere they have never been is the first sign of a stolen password.',
    learns:
      "each identity's addresses, /24 networks, AS organisations and countries, and the account's; judges only after two days of history (or --baseline-until / --baseline)",
    highWhen:
      'the country is new for the user and for the whole account, and the login had no MFA or was followed within the hour by persistence, defence evasion, data or secret access from that address',
    needsFacts: true,
    run(context) {
      const logins = context.rowsOf(['ConsoleLogin']).filter((row) => succeeded(context, row));
      const hits: RuleHit[] = [];
      for (const found of newPlaces(context, logins)) {
        // A new lease in a known /24 is the same office or provider: nothing to say.
        if (found.reach === 'address') continue;
        // Without a history only a change of country is worth a line, and a low one.
        if (found.standing === 'no-baseline' && found.reach !== 'country') continue;
        let severity: Severity = found.reach === 'network' ? 'low' : 'medium';
        let because = '';
        if (found.standing === 'no-baseline') severity = 'low';
        else if (found.reach === 'country') {
          const noMfa = loginWithoutMfa(context, found.row);
          const action = sensitiveAfter(context, found.row);
          if ((found.newForAccount && (noMfa || action)) || (noMfa && action)) {
            severity = 'high';
            because = [
              noMfa ? 'without MFA' : '',
              action ? `then ${context.operation(action.row)} (${action.kind})` : '',
            ]
              .filter(Boolean)
              .join(', ');
          }
        }
        hits.push({
          principal: context.actor(found.row),
          rows: [found.row],
          severity,
          summary: `console login from ${found.what}${because ? `, ${because}` : ''}${found.before}`,
        });
      }
      return hits;
    },
  },
];
