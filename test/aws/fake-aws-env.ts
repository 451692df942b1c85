/**
 * Makes the AWS SDK in this process unable to reach real AWS or real credentials: instance
 * metadata off, config and credentials files replaced by temporary ones holding AWS's documented
 * example keys, every AWS_* variable that could point elsewhere cleared. Restores it all after.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FAKE_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const FAKE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export interface FakeAwsEnv {
  dir: string;
  /** The variables a child process needs to see the same fake setup. */
  env: Record<string, string>;
  restore(): void;
}

export function fakeAwsEnv(): FakeAwsEnv {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-aws-'));
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  writeFileSync(
    config,
    '[default]\nregion = eu-west-1\n\n[profile incident]\nregion = eu-west-1\n',
  );
  writeFileSync(
    credentials,
    `[default]\naws_access_key_id = ${FAKE_KEY}\naws_secret_access_key = ${FAKE_SECRET}\n\n[incident]\naws_access_key_id = ${FAKE_KEY}\naws_secret_access_key = ${FAKE_SECRET}\n`,
  );
  const env: Record<string, string> = {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
  };
  const cleared = Object.keys(process.env).filter(
    (name) => name.startsWith('AWS_') && !(name in env),
  );
  const saved = new Map<string, string | undefined>();
  for (const name of [...cleared, ...Object.keys(env)]) saved.set(name, process.env[name]);
  for (const name of cleared) delete process.env[name];
  Object.assign(process.env, env);
  return {
    dir,
    env,
    restore() {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
