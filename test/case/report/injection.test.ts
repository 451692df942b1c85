import { describe, expect, it } from 'vitest';
import {
  htmlText,
  markdownText,
  renderHtml,
  renderJson,
  renderMarkdown,
} from '../../../source/case/report/index.js';
import { getObject, keyHunterCase, keyHunterInput } from './keyhunter.js';
import { tables } from './markdown-tables.js';

const WORD_JOINER = '\u2060';
const HOSTILE_USER = '**x**](https://evil)<script>alert(1)</script>|';
const HOSTILE_AGENT =
  'curl/8.0 see https://evil.example/x \x1b[31m red \x1b]0;title\x07 www.evil.com @octocat';
const HOSTILE_KEY =
  'notes ```\n# Owned\n| a | b |\n<img src=x onerror=alert(1)> `tick` \u202eexe.txt';

/** The KeyHunter case with one more pinned read by a principal whose every field is hostile. */
function hostileInput() {
  const file = keyHunterCase();
  const record = {
    ...getObject,
    eventID: 'hostile-1',
    eventTime: '2024-03-01T10:06:00Z',
    userIdentity: { type: 'IAMUser', userName: HOSTILE_USER, accessKeyId: 'AKIAHOSTILEEXAMPLE01' },
    userAgent: HOSTILE_AGENT,
    requestParameters: { bucketName: 'dora-cloudbucket', key: HOSTILE_KEY },
    resources: [],
  };
  file.pinned.push({
    eventId: 'hostile-1',
    eventTime: '2024-03-01T10:06:00Z',
    record,
    pinnedAt: '2024-03-01T10:50:00Z',
    note: '',
  });
  file.suspects.push({ kind: 'principal', value: HOSTILE_USER, markedAt: '', note: '' });
  file.audit.push({
    at: '2024-03-01T10:51:00Z',
    by: 'ana',
    action: 'marked suspect',
    detail: HOSTILE_USER,
  });
  return keyHunterInput({ case: file });
}

describe('hostile values in Markdown', () => {
  const markdown = renderMarkdown(hostileInput());

  it('leaves no tag, link, image target or terminal escape in the file', () => {
    expect(markdown).not.toContain('<script');
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('](');
    expect(markdown).not.toContain('https://');
    expect(markdown).not.toContain('\x1b');
    expect(markdown).not.toContain('\x07');
    expect(markdown).not.toContain('\u202e');
    expect(markdown).not.toMatch(/(^|[^\\])\*\*x/);
  });

  it('shows control characters as visible escapes', () => {
    // A backslash before a letter is literal in Markdown: the visible escape needs no doubling.
    expect(markdown).toContain('\\x1b\\[31m red');
    expect(markdown).toContain('\\u202eexe.txt');
  });

  it('keeps every table row at its header’s width', () => {
    const all = tables(markdown);
    expect(all.length).toBeGreaterThan(5);
    for (const table of all) {
      const width = table[0]!.length;
      for (const row of table) expect(row).toHaveLength(width);
    }
  });

  it('cannot start a heading, a fence or a list: a value never begins a line', () => {
    const lines = markdown.split('\n');
    expect(lines.some((line) => line.startsWith('```'))).toBe(false);
    // The key's line breaks are shown as \n, so it stays inside its table cell.
    const carrying = lines.filter((line) => line.includes('Owned'));
    expect(carrying.length).toBeGreaterThan(0);
    for (const line of carrying) {
      expect(line.startsWith('| ')).toBe(true);
      expect(line).toContain('notes \\`\\`\\`\\n# Owned\\n\\| a \\| b \\|');
    }
  });

  it('breaks what GitHub links after rendering: schemes, www. and mentions', () => {
    expect(markdown).toContain(`https:${WORD_JOINER}//evil.example/x`);
    expect(markdown).toContain(`www${WORD_JOINER}.evil\\.com`);
    expect(markdown).toContain(`@${WORD_JOINER}octocat`);
  });

  it('shows the hostile user name as its own text', () => {
    expect(markdown).toContain(
      `\\*\\*x\\*\\*\\]\\(https:${WORD_JOINER}//evil)&lt;script>alert(1)&lt;/script>\\|`,
    );
  });
});

describe('markdownText', () => {
  it('escapes each character that opens Markdown syntax where it stands', () => {
    expect(markdownText('a*b~d`e[f]g|k$l')).toBe('a\\*b\\~d\\`e\\[f\\]g\\|k\\$l');
    // A link target needs `](`: the bracket is escaped, and so is a parenthesis right after it.
    expect(markdownText('[x](y)')).toBe('\\[x\\]\\(y)');
    // A backslash is doubled only where it would escape the next character or end the line.
    expect(markdownText('C:\\Users\\* end\\')).toBe('C:\\Users\\\\\\* end\\\\');
    expect(markdownText('<b>&amp;</b> &#60;')).toBe('&lt;b>&amp;amp;&lt;/b> &amp;#60;');
    expect(markdownText('<!-- x --> <?php')).toBe('&lt;!-- x --> &lt;?php');
  });

  it('leaves ordinary prose alone: file names, ATT&CK, parentheses, a < b, snake_case', () => {
    for (const prose of [
      'Threat Intelligence.docx',
      'ATT&CK',
      'Time (UTC)',
      'a < b > c & d',
      'ops_admin_role #1 is 100% done!',
      'aws-cli/2.15.0 Python/3.11.6',
    ])
      expect(markdownText(prose)).toBe(prose);
  });

  it('escapes emphasis underscores only where they can open or close emphasis', () => {
    expect(markdownText('_x_ a_b __init__')).toBe('\\_x\\_ a_b \\_\\_init\\_\\_');
  });

  it('escapes a dot only before a top-level domain, so bare domains are not linked', () => {
    expect(markdownText('102.88.109.159 aws-cli/2.15.0 evil.com x.io y.docx')).toBe(
      '102.88.109.159 aws-cli/2.15.0 evil\\.com x\\.io y.docx',
    );
  });

  it('escapes block syntax only at the start of a line', () => {
    for (const [text, line] of [
      ['# Owned', '\\# Owned'],
      ['> quote', '\\> quote'],
      ['- item', '\\- item'],
      ['+ item', '\\+ item'],
      ['= under', '\\= under'],
      ['12. item', '12\\. item'],
      ['3) item', '3\\) item'],
      ['    code', 'code'],
    ]) {
      expect(markdownText(text!, true)).toBe(line);
      expect(markdownText(text!)).not.toMatch(/^\\\\/);
    }
  });

  it('breaks email and mention shapes and www. with a word joiner', () => {
    expect(markdownText('alice@corp')).toBe(`alice@${WORD_JOINER}corp`);
    expect(markdownText('WWW.x')).toBe(`WWW${WORD_JOINER}.x`);
    expect(markdownText('ftp://h')).toBe(`ftp:${WORD_JOINER}//h`);
  });

  it('never lets a word joiner or other invisible character in from the value itself', () => {
    expect(markdownText(`a${WORD_JOINER}b\u200bc`)).toBe('a\\u2060b\\u200bc');
  });

  it('cuts a hostile megabyte to a readable length', () => {
    const text = markdownText('A'.repeat(1_000_000));
    expect(text.length).toBeLessThan(1100);
    expect(text).toContain('999000 more characters in the JSON report');
  });
});

describe('hostile values in HTML', () => {
  const html = renderHtml(hostileInput());

  it('escapes them as text', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('\x1b');
    expect(html).toContain('**x**](https://evil)&lt;script&gt;alert(1)&lt;/script&gt;|');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('\\x1b[31m red');
  });

  it('escapes quotes so no value can leave an attribute', () => {
    expect(htmlText(`"'><x`)).toBe('&quot;&#39;&gt;&lt;x');
  });
});

describe('hostile values in JSON', () => {
  it('keeps them exactly, with nothing a terminal would obey', () => {
    const json = renderJson(hostileInput());
    expect(json).not.toContain('\x1b');
    expect(json).not.toContain('\u202e');
    expect(json).toContain('\\u202e');
    const parsed = JSON.parse(json) as { timeline: { principal: string; userAgent: string }[] };
    const hostile = parsed.timeline.find((entry) => entry.principal === HOSTILE_USER);
    expect(hostile?.userAgent).toBe(HOSTILE_AGENT);
  });
});
