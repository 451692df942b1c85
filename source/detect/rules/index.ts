import type { BuiltinRule } from '../rule.js';
import { CREDENTIAL_RULES } from './credentials.js';
import { DISCOVERY_RULES } from './discovery.js';
import { EVASION_RULES } from './evasion.js';
import { EXFILTRATION_RULES } from './exfiltration.js';
import { FEDERATION_RULES } from './federation.js';
import { LAMBDA_RULES } from './lambda.js';
import { NEW_PLACE_RULES } from './new-place.js';
import { NEW_TOOL_RULES } from './new-tool.js';
import { PERSISTENCE_RULES } from './persistence.js';
import { ROGUE_USER_RULES } from './rogue-users.js';

/** Every built-in rule, grouped as the incident guide groups the patterns. */
export const BUILTIN_RULES: readonly BuiltinRule[] = [
  ...NEW_PLACE_RULES,
  ...NEW_TOOL_RULES,
  ...CREDENTIAL_RULES,
  ...LAMBDA_RULES,
  ...ROGUE_USER_RULES,
  ...PERSISTENCE_RULES,
  ...FEDERATION_RULES,
  ...DISCOVERY_RULES,
  ...EVASION_RULES,
  ...EXFILTRATION_RULES,
];
