import { describe, expect, it } from 'vitest';
import { EMAIL_FRAME_POLICY, emailFrameDocument } from '../../../../web/src/views/outbox/email-frame';

describe('the document an email is shown in', () => {
  it('loads nothing remote: the policy comes before the email and allows no network source', () => {
    const html = '<p>Hi</p><img src="http://127.0.0.1:3000/o/token" width="1" height="1">';
    const document = emailFrameDocument(html);
    expect(document.indexOf('Content-Security-Policy')).toBeLessThan(document.indexOf(html));
    expect(document).toContain(html);
    expect(EMAIL_FRAME_POLICY).toContain("default-src 'none'");
    expect(EMAIL_FRAME_POLICY).toMatch(/img-src data:(;|$)/);
    expect(EMAIL_FRAME_POLICY).not.toMatch(/https?:|\*|'self'/);
  });
});
