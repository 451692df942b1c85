import { describe, expect, it } from 'vitest';
import {
  renderHtml,
  renderJson,
  renderMarkdown,
  reportModel,
} from '../../../source/case/report/index.js';
import { ACCOUNT, ATTACKER_IP, KEY, keyHunterInput } from './keyhunter.js';

/** A presenter-mode mask: account ids and access key ids. */
const maskIds = (text: string): string =>
  text
    .replace(/(?<![0-9])[0-9]{12}(?![0-9])/g, 'account-masked')
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1-masked');

const ACCOUNT_ID = /(?<![0-9])[0-9]{12}(?![0-9])/;
const KEY_ID = /(AKIA|ASIA)[A-Z0-9]{16}/;

describe('presenter mode', () => {
  it('the unmasked report does carry the ids (so the test below means something)', () => {
    const json = renderJson(keyHunterInput());
    expect(json).toContain(ACCOUNT);
    expect(json).toContain(KEY);
  });

  for (const [format, render] of [
    ['Markdown', renderMarkdown],
    ['HTML', renderHtml],
    ['JSON', renderJson],
  ] as const) {
    it(`masks every account id and key id in ${format}`, () => {
      const output = render(keyHunterInput({ redact: maskIds }));
      expect(output).not.toMatch(ACCOUNT_ID);
      expect(output).not.toMatch(KEY_ID);
      expect(output).toContain('AKIA-masked');
      expect(output).toContain('account-masked');
    });
  }

  it('locates addresses before masking them', () => {
    const maskAddresses = (text: string) =>
      maskIds(text).replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, 'x.x.x.x');
    const report = reportModel(keyHunterInput({ redact: maskAddresses }));
    expect(report.redacted).toBe(true);
    expect(report.indicators.ips).toMatchObject([{ value: 'x.x.x.x', country: 'NG' }]);
    const markdown = renderMarkdown(keyHunterInput({ redact: maskAddresses }));
    expect(markdown).not.toContain(ATTACKER_IP);
    expect(markdown).toContain('Nigeria (NG)');
    expect(markdown).toContain('presenter mode');
  });

  it('changes nothing without a mask', () => {
    expect(reportModel(keyHunterInput()).redacted).toBe(false);
    expect(reportModel(keyHunterInput({ redact: (text) => text }))).toEqual({
      ...reportModel(keyHunterInput()),
      redacted: true,
    });
  });
});
