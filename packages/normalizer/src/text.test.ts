import { describe, expect, it } from 'vitest';
import { analysisText, cleanDescription } from './text.ts';

describe('cleanDescription', () => {
  it('sanitizes HTML to the allow-list and keeps safe links', () => {
    const { html, text } = cleanDescription('<div onclick="x()"><h2>Duties</h2><p>Code <b>charts</b><script>alert(1)</script></p><a href="javascript:evil()">x</a> <a href="https://example.org/apply">apply</a><img src=x></div>');
    expect(html).not.toMatch(/script|onclick|javascript|<img|<div/);
    expect(html).toContain('<a href="https://example.org/apply" rel="nofollow">apply</a>');
    expect(text).toContain('Duties\n');
    expect(text).toContain('Code charts');
  });

  it('turns list items into lines and decodes entities', () => {
    const { text } = cleanDescription('<ul><li>RHIT &amp; CCS</li><li>ICD&#8209;10</li></ul>');
    expect(text.split('\n')).toEqual(['• RHIT & CCS', '', '• ICD‑10']);
  });

  it('unescapes double-escaped Greenhouse HTML', () => {
    const { html, text } = cleanDescription('&lt;p&gt;Coder &amp;amp; auditor&lt;/p&gt;&lt;ul&gt;&lt;li&gt;CPC required&lt;/li&gt;&lt;/ul&gt;');
    expect(html).toContain('<p>');
    expect(text).toContain('Coder & auditor');
    expect(text).toContain('• CPC required');
  });

  it('wraps plain text in paragraphs', () => {
    const { html, text } = cleanDescription('Line one\nline two\n\nPara 3 < 5 & 6');
    expect(html).toBe('<p>Line one<br />line two</p>\n<p>Para 3 &lt; 5 &amp; 6</p>');
    expect(text).toBe('Line one\nline two\n\nPara 3 < 5 & 6');
  });

  it('separates words glued by flattened HTML for analysis', () => {
    expect(analysisText('License requiredCoding Specialist’s PACU1 year')).toBe("License required Coding Specialist's PACU 1 year");
  });
});
