import { describe, expect, it } from 'vitest';
import { rewriteHtmlLinks, rewriteTextLinks, rewriteUrl } from '../../../../shared/domain/content/rewrite-links';

/** A readable fake tracker: wraps the target so assertions can see what was tracked. */
const track = (url: string) => `https://t.example.com/t/[${url}]`;
const UNSUBSCRIBE = 'https://t.example.com/u/token';
const keep = (url: string) => url === UNSUBSCRIBE;

describe('rewriteHtmlLinks', () => {
  it.each([
    { name: 'double-quoted https href', html: '<a href="https://shop.example.com/x">go</a>', expected: '<a href="https://t.example.com/t/[https://shop.example.com/x]">go</a>' },
    { name: 'single-quoted href with other attributes', html: "<a class='b' href='http://x.example.com/' target=_blank>go</a>", expected: '<a class=\'b\' href="https://t.example.com/t/[http://x.example.com/]" target=_blank>go</a>' },
    { name: 'unquoted href', html: '<a href=https://x.example.com/p>go</a>', expected: '<a href="https://t.example.com/t/[https://x.example.com/p]">go</a>' },
    { name: 'entities decoded before tracking, re-escaped after', html: '<a href="https://x.example.com/?a=1&amp;b=2">go</a>', expected: '<a href="https://t.example.com/t/[https://x.example.com/?a=1&amp;b=2]">go</a>' },
    { name: 'uppercase tag and attribute', html: '<A HREF="https://x.example.com/">go</A>', expected: '<A HREF="https://t.example.com/t/[https://x.example.com/]">go</A>' },
    { name: 'image map area', html: '<area shape="rect" href="https://x.example.com/">', expected: '<area shape="rect" href="https://t.example.com/t/[https://x.example.com/]">' },
    { name: 'mailto left alone', html: '<a href="mailto:help@example.com">mail</a>', expected: '<a href="mailto:help@example.com">mail</a>' },
    { name: 'tel left alone', html: '<a href="tel:+15555550100">call</a>', expected: '<a href="tel:+15555550100">call</a>' },
    { name: 'anchor left alone', html: '<a href="#top">top</a>', expected: '<a href="#top">top</a>' },
    { name: 'relative link left alone', html: '<a href="/account">me</a>', expected: '<a href="/account">me</a>' },
    { name: 'stylesheet link tag left alone', html: '<link rel="stylesheet" href="https://cdn.example.com/a.css">', expected: '<link rel="stylesheet" href="https://cdn.example.com/a.css">' },
    { name: 'image src left alone', html: '<img src="https://cdn.example.com/logo.png">', expected: '<img src="https://cdn.example.com/logo.png">' },
    { name: 'data-href not mistaken for href', html: '<a data-href="https://x.example.com/">x</a>', expected: '<a data-href="https://x.example.com/">x</a>' },
    { name: 'unsubscribe link kept', html: `<a href="${UNSUBSCRIBE}">unsubscribe</a>`, expected: `<a href="${UNSUBSCRIBE}">unsubscribe</a>` },
    { name: 'url in text is not a link', html: '<p>see https://x.example.com/</p>', expected: '<p>see https://x.example.com/</p>' },
  ])('$name', ({ html, expected }) => {
    expect(rewriteHtmlLinks(html, track, { keep })).toBe(expected);
  });

  it('rewrites every link of a document', () => {
    const html = '<a href="https://a.example.com/">a</a> and <a href="https://b.example.com/">b</a>';
    expect(rewriteHtmlLinks(html, track).match(/t\.example\.com\/t\//g)).toHaveLength(2);
  });

  it('escapes a tracking url that contains HTML specials', () => {
    expect(rewriteHtmlLinks('<a href="https://x.example.com/">x</a>', () => 'https://t.example.com/t/a"b&c')).toBe(
      '<a href="https://t.example.com/t/a&quot;b&amp;c">x</a>',
    );
  });
});

describe('rewriteTextLinks', () => {
  it.each([
    { name: 'bare url', text: 'Answer at https://s.example.com/q', expected: 'Answer at https://t.example.com/t/[https://s.example.com/q]' },
    { name: 'sentence period not part of url', text: 'Go to https://s.example.com/q.', expected: 'Go to https://t.example.com/t/[https://s.example.com/q].' },
    { name: 'comma and question mark', text: 'https://a.example.com/x?y=1, ok?', expected: 'https://t.example.com/t/[https://a.example.com/x?y=1], ok?' },
    { name: 'closing parenthesis outside', text: '(see https://a.example.com/x)', expected: '(see https://t.example.com/t/[https://a.example.com/x])' },
    { name: 'balanced parentheses inside', text: 'https://en.example.org/wiki/A_(b)', expected: 'https://t.example.com/t/[https://en.example.org/wiki/A_(b)]' },
    { name: 'angle-bracketed url', text: '<https://a.example.com/>', expected: '<https://t.example.com/t/[https://a.example.com/]>' },
    { name: 'unsubscribe url kept', text: `Stop: ${UNSUBSCRIBE}`, expected: `Stop: ${UNSUBSCRIBE}` },
    { name: 'no url', text: 'Reply STOP to opt out', expected: 'Reply STOP to opt out' },
    { name: 'scheme alone is not a url', text: 'https:// nothing', expected: 'https:// nothing' },
  ])('$name', ({ text, expected }) => {
    expect(rewriteTextLinks(text, track, { keep })).toBe(expected);
  });
});

describe('rewriteUrl', () => {
  it.each([
    { name: 'https url tracked', url: 'https://a.example.com/', expected: 'https://t.example.com/t/[https://a.example.com/]' },
    { name: 'deep link left alone', url: 'myapp://inbox/1', expected: 'myapp://inbox/1' },
    { name: 'unsubscribe kept', url: UNSUBSCRIBE, expected: UNSUBSCRIBE },
  ])('$name', ({ url, expected }) => {
    expect(rewriteUrl(url, track, { keep })).toBe(expected);
  });
});
