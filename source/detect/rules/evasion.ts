import type { DetectionContext } from '../context.js';
import { eventRule, type BuiltinRule, type RuleHit } from '../rule.js';
import { placeNote, placeOfHit } from './usual-place.js';

/** Turning off the lights: CloudTrail, GuardDuty, Config, flow logs and Security Hub. */

/** " on TRAIL from IP": what was touched and from where, for a summary. */
function on(context: DetectionContext, row: number): string {
  const target = context.value(row, 'resources').split('\n')[0];
  const from = context.value(row, 'sourceIp');
  return `${target ? ` on ${target}` : ''}${from ? ` from ${from}` : ''}`;
}

/**
 * Operations that turn a service off only sometimes: tuning GuardDuty (a suppression filter, a
 * trusted IP list, the publishing frequency), triaging Security Hub findings, retiring a Config
 * rule are a security team's daily work. Alone, and from where the caller always works (or
 * before it has a history), they are medium; switching the service off stays high.
 */
const TUNING = new Set([
  'UpdateDetector',
  'CreateFilter',
  'CreateIPSet',
  'BatchUpdateFindings',
  'DeleteInsight',
  'DisableImportFindingsForProduct',
  'DeleteConfigRule',
]);

function tuningIsMedium(rule: BuiltinRule): BuiltinRule {
  return {
    ...rule,
    highWhen:
      'the service is switched off, or its settings changed from a place the caller is not established at',
    learns: 'the addresses, networks and AS numbers each caller is established at',
    run(context) {
      return rule.run(context).map((hit): RuleHit => {
        if (!hit.rows.every((row) => TUNING.has(context.operation(row)))) return hit;
        const place = placeOfHit(context, hit.rows);
        if (place === 'unusual') return hit;
        return { ...hit, severity: 'medium', summary: `${hit.summary}${placeNote(place)}` };
      });
    },
  };
}

export const EVASION_RULES: BuiltinRule[] = [
  eventRule({
    id: 'cloudtrail-stop-logging',
    title: 'CloudTrail logging stopped',
    severity: 'high',
    techniques: ['T1562.008'],
    why: 'Stopping a trail blinds the investigation from this moment on; attackers do it first.',
    highWhen: 'always: defence evasion',
    operations: ['StopLogging'],
    describe: (context, row) => `StopLogging${on(context, row)}`,
  }),
  eventRule({
    id: 'cloudtrail-delete-trail',
    title: 'CloudTrail trail deleted',
    severity: 'high',
    techniques: ['T1562.008'],
    why: 'A deleted trail records nothing more and hides what follows.',
    highWhen: 'always: defence evasion',
    operations: ['DeleteTrail'],
    describe: (context, row) => `DeleteTrail${on(context, row)}`,
  }),
  eventRule({
    id: 'cloudtrail-trail-changed',
    title: 'CloudTrail trail or event selectors changed',
    severity: 'medium',
    techniques: ['T1562.008'],
    why: 'Changing selectors or the destination can silently drop the events that would show an attack.',
    operations: ['UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors', 'DeleteEventDataStore'],
    describe: (context, row) => `${context.value(row, 'eventName')}${on(context, row)}`,
  }),
  tuningIsMedium(
    eventRule({
      id: 'guardduty-disabled',
      title: 'GuardDuty detector deleted, disabled or muted',
      severity: 'high',
      techniques: ['T1562.001'],
      why: 'Without GuardDuty no one is alerted to what the attacker does next.',
      operations: [
        'DeleteDetector',
        'UpdateDetector',
        'DisassociateFromMasterAccount',
        'DisassociateFromAdministratorAccount',
        'StopMonitoringMembers',
        'DeleteMembers',
        'DeletePublishingDestination',
        'CreateFilter',
        'CreateIPSet',
      ],
      describe: (context, row) =>
        context.value(row, 'eventSource').startsWith('guardduty.')
          ? `${context.value(row, 'eventName')}${on(context, row)}`
          : undefined,
    }),
  ),
  tuningIsMedium(
    eventRule({
      id: 'config-disabled',
      title: 'AWS Config recording stopped or deleted',
      severity: 'high',
      techniques: ['T1562.001'],
      why: 'Config keeps the history of resource changes; stopping it hides persistence.',
      operations: [
        'StopConfigurationRecorder',
        'DeleteConfigurationRecorder',
        'DeleteDeliveryChannel',
        'DeleteConfigRule',
      ],
    }),
  ),
  eventRule({
    id: 'flow-logs-deleted',
    title: 'VPC flow logs or DNS query logs deleted',
    severity: 'medium',
    techniques: ['T1562.008'],
    why: 'Flow and DNS logs show where data went; deleting them hides exfiltration.',
    operations: [
      'DeleteFlowLogs',
      'DeleteResolverQueryLogConfig',
      'DisassociateResolverQueryLogConfig',
    ],
  }),
  tuningIsMedium(
    eventRule({
      id: 'securityhub-disabled',
      title: 'Security Hub disabled or its findings suppressed',
      severity: 'high',
      techniques: ['T1562.001'],
      why: 'Disabling Security Hub or archiving findings removes the alerts responders rely on.',
      operations: [
        'DisableSecurityHub',
        'DisableImportFindingsForProduct',
        'DeleteInsight',
        'BatchUpdateFindings',
      ],
      describe: (context, row) =>
        context.value(row, 'eventSource').startsWith('securityhub.')
          ? `${context.value(row, 'eventName')}${on(context, row)}`
          : undefined,
    }),
  ),
  eventRule({
    id: 'cloudwatch-logs-deleted',
    title: 'CloudWatch log group or stream deleted',
    severity: 'low',
    techniques: ['T1562.008'],
    why: 'Deleting application logs removes evidence of what ran with the stolen access.',
    operations: ['DeleteLogGroup', 'DeleteLogStream'],
  }),
];
