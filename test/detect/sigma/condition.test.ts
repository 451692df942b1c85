import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadSigmaRules,
  UNKNOWN,
  type FieldGetter,
  type SigmaLoad,
} from '../../../source/detect/sigma/index.js';
import { fixture } from '../../helpers/fixtures.js';
import { byFile, compile, match, refusal, cloudTrailRule, type LogRecord } from './rules.js';

/** Search identifiers a, b, c, _d, each true when the record's field of that name is "y". */
const letters = (condition: string) =>
  compile(`    a:
        a: y
    b:
        b: y
    c:
        c: y
    _d:
        d: y
    condition: ${condition}`);

const record = (yes: string): LogRecord =>
  Object.fromEntries(
    ['a', 'b', 'c', 'd'].map((letter) => [letter, yes.includes(letter) ? 'y' : 'n']),
  );

describe('conditions', () => {
  it('not binds tighter than and, and tighter than or', () => {
    const rule = letters('a or b and not c');
    expect(match(rule, record('a'))).toBe(true);
    expect(match(rule, record('ac'))).toBe(true);
    expect(match(rule, record('b'))).toBe(true);
    expect(match(rule, record('bc'))).toBe(false);
    expect(match(rule, record(''))).toBe(false);
    const grouped = letters('(a or b) and not c');
    expect(match(grouped, record('ac'))).toBe(false);
    expect(match(letters('not a and b'), record('b'))).toBe(true);
    expect(match(letters('not (a and b)'), record('ab'))).toBe(false);
    expect(match(letters('NOT a AND b'), record('b'))).toBe(true);
  });

  it('1 of, all of, them (which skips identifiers starting with _), and a condition list', () => {
    expect(match(letters('1 of them'), record('d'))).toBe(false);
    expect(match(letters('1 of them'), record('c'))).toBe(true);
    expect(match(letters('all of them'), record('abc'))).toBe(true);
    expect(match(letters('all of them'), record('ab'))).toBe(false);
    expect(match(letters('1 of _*'), record('d'))).toBe(true);
    // A pattern, unlike `them`, also names identifiers starting with an underscore.
    expect(match(letters('all of *'), record('abc'))).toBe(false);
    expect(match(letters('all of *'), record('abcd'))).toBe(true);
    expect(match(letters('2 of them'), record('bc'))).toBe(true);
    expect(match(letters('2 of them'), record('c'))).toBe(false);
    const list = compile(`    a:
        a: y
    b:
        b: y
    condition:
        - a
        - b`);
    expect(match(list, record('b'))).toBe(true);
    expect(match(list, record('c'))).toBe(false);
  });

  it('refuses conditions it cannot read, naming why', () => {
    const body = (condition: string) =>
      cloudTrailRule(`    selection:
        eventName: x
    condition: ${condition}`);
    expect(refusal(body('selection and'))).toMatch(/ends too early/);
    expect(refusal(body('selection and (selection'))).toMatch(/unclosed/);
    expect(refusal(body('selection filter'))).toMatch(/unexpected "filter"/);
    expect(refusal(body('selection and missing'))).toMatch(/missing, which is not defined/);
    expect(refusal(body('1 of filter*'))).toMatch(/matches no search identifier/);
    expect(refusal(body('selection | count() > 5'))).toMatch(/correlation rule/);
    expect(refusal(body('selection*'))).toMatch(/only allowed after/);
  });
});

describe('three-valued matching', () => {
  /** A getter over the index's columns: requestParameters is not one of them. */
  const columnsOnly =
    (record: LogRecord): FieldGetter =>
    (path) =>
      path.startsWith('requestParameters') || path === '' ? UNKNOWN : record[path];

  const ec2Startup = compile(`    selection_source:
        eventSource: ec2.amazonaws.com
        requestParameters.attribute: 'userData'
        eventName: ModifyInstanceAttribute
    condition: selection_source`);

  it('undefined when the answer needs a field the getter cannot give', () => {
    const event = { eventSource: 'ec2.amazonaws.com', eventName: 'ModifyInstanceAttribute' };
    expect(ec2Startup.matches(columnsOnly(event))).toBeUndefined();
  });

  it('false when the event name already rules the event out', () => {
    const event = { eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances' };
    expect(ec2Startup.matches(columnsOnly(event))).toBe(false);
  });

  it('true OR unknown is true; NOT unknown stays unknown', () => {
    const either = compile(`    by_name:
        eventName: ListBuckets
    by_body:
        requestParameters.bucketName: evidence
    condition: by_name or by_body`);
    expect(either.matches(columnsOnly({ eventName: 'ListBuckets' }))).toBe(true);
    expect(either.matches(columnsOnly({ eventName: 'GetObject' }))).toBeUndefined();
    const negated = compile(`    selection:
        eventName: GetObject
    filter:
        requestParameters.bucketName: public
    condition: selection and not filter`);
    expect(negated.matches(columnsOnly({ eventName: 'GetObject' }))).toBeUndefined();
    expect(negated.matches(columnsOnly({ eventName: 'PutObject' }))).toBe(false);
  });

  it('keywords over a getter that cannot give the whole record are unknown', () => {
    const keywords = compile(`    keywords:
        - kali
    condition: keywords`);
    expect(keywords.matches(columnsOnly({ userAgent: 'kali' }))).toBeUndefined();
  });
});

describe('eventNames pre-selection', () => {
  let loaded: SigmaLoad;
  beforeAll(async () => {
    loaded = await loadSigmaRules([fixture('sigma-cloudtrail')]);
  });
  const names = (file: string) => {
    const set = byFile(loaded.rules, file).eventNames;
    return set === undefined ? undefined : [...set].sort();
  };

  it('the lower-cased names a fixture rule is limited to', () => {
    expect(names('aws_cloudtrail_disable_logging.yml')).toEqual([
      'deletetrail',
      'stoplogging',
      'updatetrail',
    ]);
    expect(names('aws_update_login_profile.yml')).toEqual(['updateloginprofile']);
    expect(names('aws_susp_saml_activity.yml')).toEqual([
      'assumerolewithsaml',
      'updatesamlprovider',
    ]);
    expect(names('aws_cloudtrail_guardduty_detector_deleted_or_updated.yml')).toEqual([
      'deletedetector',
      'updatedetector',
    ]);
    expect(names('aws_enum_buckets.yml')).toEqual(['listbuckets']);
  });

  it('undefined when a rule can match any event name', () => {
    expect(names('aws_root_account_usage.yml')).toBeUndefined();
    expect(names('aws_sts_assumerole_misuse.yml')).toBeUndefined();
    expect(names('aws_cloudtrail_imds_malicious_usage.yml')).toBeUndefined();
    // startswith cannot be listed: UpdateFunctionConfiguration20150331v2 must still match.
    expect(names('aws_new_lambda_layer_attached.yml')).toBeUndefined();
  });

  it('AND intersects, OR unites, NOT and wildcards constrain nothing', () => {
    const rule = (condition: string) =>
      compile(`    create:
        eventName: [CreateUser, CreateRole]
    user:
        eventName: [CreateUser, DeleteUser]
    any_delete:
        eventName: 'Delete*'
    condition: ${condition}`).eventNames;
    expect([...rule('create and user')!]).toEqual(['createuser']);
    expect([...rule('create or user')!].sort()).toEqual(['createrole', 'createuser', 'deleteuser']);
    expect(rule('create or any_delete')).toBeUndefined();
    expect([...rule('create and not user')!].sort()).toEqual(['createrole', 'createuser']);
    expect(rule('not create')).toBeUndefined();
    expect([...rule('create and any_delete')!].sort()).toEqual(['createrole', 'createuser']);
  });

  it('every fixture match has one of the listed names (checked on real records)', async () => {
    const { stratus } = await import('./rules.js');
    const techniques = [
      'aws.defense-evasion.cloudtrail-stop',
      'aws.persistence.iam-backdoor-user',
      'aws.exfiltration.ec2-share-ebs-snapshot',
      'aws.execution.ssm-send-command',
      'aws.persistence.lambda-layer-extension',
    ];
    for (const technique of techniques) {
      for (const event of stratus(technique)) {
        for (const candidate of loaded.rules) {
          if (candidate.kind !== 'detection' || candidate.eventNames === undefined) continue;
          if (match(candidate, event)) {
            expect(candidate.eventNames.has(String(event.eventName).toLowerCase())).toBe(true);
          }
        }
      }
    }
  });
});
