import { describe, expect, it } from 'vitest';
import { isUnsafeLink, unsafeVariables } from '../../../../shared/domain/content/variable-safety';
import type { ChannelContent } from '../../../../shared/domain/experiment/channels';

const EMAIL: ChannelContent = { channel: 'email', subject: 'Hi {{firstName}}', html: '<p><a href="{{url}}">go</a> <a href=\'https://x.example/{{path}}\'>x</a></p>' };
const IN_APP: ChannelContent = { channel: 'in_app', title: 'For {{firstName}}', body: 'b', callToAction: { label: 'Go', url: 'https://x.example/{{path}}' } };

describe('isUnsafeLink', () => {
  it.each([
    ['javascript:alert(1)', true],
    ['  JaVaScRiPt:alert(1)', true],
    ['java\tscript:alert(1)', true],
    ['jav&#x61;script:alert(1)', true],
    ['javascript&colon;alert(1)', true],
    ['data:text/html;base64,PHNjcmlwdD4=', true],
    ['vbscript:msgbox', true],
    ['https://example.com/a?b=javascript:1', false],
    ['mailto:a@example.com', false],
    ['tel:+33612345678', false],
    ['/relative/path', false],
    ['#anchor', false],
  ])('%j → %s', (url, unsafe) => {
    expect(isUnsafeLink(url)).toBe(unsafe);
  });
});

describe('unsafeVariables', () => {
  it.each([
    { name: 'a javascript: URL in an href', values: { firstName: 'Ada', url: 'javascript:alert(1)', path: 'p' }, paths: ['variables.url'] },
    { name: 'CR/LF in the subject', values: { firstName: 'Ada\r\nBcc: x@example.com', url: 'https://a.example', path: 'p' }, paths: ['variables.firstName'] },
    { name: 'NUL in a title', values: { firstName: 'A\u0000', url: 'https://a.example', path: 'p' }, paths: ['variables.firstName'] },
    { name: 'a path after a fixed https origin', values: { firstName: 'Ada', url: 'https://a.example', path: 'javascript:alert(1)' }, paths: [] },
    { name: 'safe values', values: { firstName: 'Ada', url: 'https://a.example', path: 'p' }, paths: [] },
  ])('$name → $paths', ({ values, paths }) => {
    expect(unsafeVariables([EMAIL, IN_APP], values).map((detail) => detail.path).sort()).toEqual(paths);
  });
});
