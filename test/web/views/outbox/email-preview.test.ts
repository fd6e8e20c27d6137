import { describe, expect, it } from 'vitest';
import { emailPreview } from '../../../../web/src/views/outbox/email-preview';

describe('an email made quiet to preview', () => {
  it.each([
    { case: 'the open pixel', html: '<p>Hi</p><img src="http://x/o/abc" width="1" height="1" alt="" style="display:none">', out: '<p>Hi</p><img width="1" height="1" alt="">', images: 1 },
    { case: 'a remote image with srcset, single quotes', html: "<img alt='logo' src='https://cdn/x.png' srcset='https://cdn/x2.png 2x'>", out: "<img alt='logo'>", images: 1 },
    { case: 'a data: image kept', html: '<img src="data:image/png;base64,AAAA" alt="dot">', out: '<img src="data:image/png;base64,AAAA" alt="dot">', images: 0 },
    { case: 'inline styles and backgrounds', html: '<table background="https://x/bg.png"><tr><td style="color: red">A</td></tr></table>', out: '<table><tr><td>A</td></tr></table>', images: 0 },
    { case: 'style, script and link elements', html: '<style>p{color:red}</style><link rel="stylesheet" href="https://x/a.css"><p>B</p><script>alert(1)</script>', out: '<p>B</p>', images: 0 },
    { case: 'a > inside a quoted attribute', html: '<a href="https://x/?a>b" style="x">link</a>', out: '<a href="https://x/?a>b">link</a>', images: 0 },
    { case: 'text that mentions style= is left alone', html: '<p>write style="bold" here</p>', out: '<p>write style="bold" here</p>', images: 0 },
    { case: 'a self-closing unquoted image', html: '<IMG SRC=http://x/p.gif />', out: '<IMG />', images: 1 },
  ])('$case', ({ html, out, images }) => {
    expect(emailPreview(html)).toEqual({ html: out, imagesNotLoaded: images });
  });
});
