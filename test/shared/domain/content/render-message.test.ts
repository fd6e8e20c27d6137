import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type RenderMessageInput,
  renderMessage,
  renderWebhookPayload,
} from '../../../../shared/domain/content/render-message';
import { ValidationError } from '../../../../shared/domain/errors/channel-lab-error';
import { type ChannelContent, ChannelContentSchema } from '../../../../shared/domain/experiment/channels';

const UNSUBSCRIBE = 'https://t.example.com/u/signed-unsubscribe';
const track = (url: string) => `https://t.example.com/t/{${url}}`;

const content = (value: unknown): ChannelContent => ChannelContentSchema.parse(value);

const input = (overrides: Partial<RenderMessageInput> = {}): RenderMessageInput => ({
  variables: { firstName: 'Zoë <b>&</b> "Al"', orderId: 'A-1' },
  customerId: 'cust-1',
  contact: { email: 'zoe@example.com', phone: '+15555550100', pushEndpointArn: 'arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/1' },
  links: { trackClick: track, unsubscribeUrl: UNSUBSCRIBE },
  ...overrides,
});

/** Asserts that `fn` throws a ValidationError whose details name exactly `paths`. */
function expectValidation(fn: () => unknown, paths: string[]): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const validation = error as ValidationError;
    expect(validation.details?.map((detail) => detail.path)).toEqual(paths);
    return validation;
  }
  throw new Error('expected a ValidationError');
}

describe('renderMessage: email', () => {
  const email = content({
    channel: 'email',
    subject: 'Your order {{orderId}}, {{firstName}}',
    html: '<p>Hi {{firstName}}</p><a href="https://shop.example.com/survey?o={{orderId}}">Survey</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a>',
    text: 'Hi {{firstName}}, answer at https://shop.example.com/survey. Unsubscribe: {{unsubscribeUrl}}',
    from: 'news@example.com',
  });
  const rendered = renderMessage(email, input());

  it.each([
    { name: 'html variables are escaped', check: () => expect(rendered).toMatchObject({ html: expect.stringContaining('Hi Zoë &lt;b&gt;&amp;&lt;/b&gt; &quot;Al&quot;') }) },
    { name: 'text variables are verbatim', check: () => expect(rendered).toMatchObject({ text: expect.stringContaining('Hi Zoë <b>&</b> "Al",') }) },
    { name: 'subject is verbatim', check: () => expect(rendered).toMatchObject({ subject: 'Your order A-1, Zoë <b>&</b> "Al"' }) },
    { name: 'html links become tracking links', check: () => expect(rendered).toMatchObject({ html: expect.stringContaining('href="https://t.example.com/t/{https://shop.example.com/survey?o=A-1}"') }) },
    { name: 'text links become tracking links', check: () => expect(rendered).toMatchObject({ text: expect.stringContaining('https://t.example.com/t/{https://shop.example.com/survey}.') }) },
    { name: 'unsubscribe link in html is the signed link, untracked', check: () => expect(rendered).toMatchObject({ html: expect.stringContaining(`href="${UNSUBSCRIBE}"`) }) },
    { name: 'unsubscribe link in text is the signed link, untracked', check: () => expect(rendered).toMatchObject({ text: expect.stringContaining(`Unsubscribe: ${UNSUBSCRIBE}`) }) },
    { name: 'addressed from the contact and content', check: () => expect(rendered).toMatchObject({ channel: 'email', to: 'zoe@example.com', from: 'news@example.com', unsubscribeUrl: UNSUBSCRIBE }) },
  ])('$name', ({ check }) => check());

  it('a caller cannot override the built-in unsubscribe link', () => {
    const hijacked = renderMessage(email, input({ variables: { firstName: 'A', orderId: '1', unsubscribeUrl: 'https://evil.example.net/' } }));
    expect(hijacked).toMatchObject({ html: expect.stringContaining(`href="${UNSUBSCRIBE}"`) });
    expect(JSON.stringify(hijacked)).not.toContain('evil');
  });

  it('an email without an address is refused', () => {
    expectValidation(() => renderMessage(email, input({ contact: {} })), ['contact.email']);
  });
});

describe('renderMessage: other channels', () => {
  it.each([
    {
      name: 'sms: text rendered, link tracked, type kept',
      content: { channel: 'sms', text: 'Hi {{firstName}}: https://s.example.com/q', smsType: 'promotional' },
      expected: { channel: 'sms', phoneNumber: '+15555550100', text: 'Hi Zoë <b>&</b> "Al": https://t.example.com/t/{https://s.example.com/q}', smsType: 'promotional' },
    },
    {
      name: 'sms without a type',
      content: { channel: 'sms', text: 'Order {{orderId}} shipped' },
      expected: { channel: 'sms', text: 'Order A-1 shipped' },
    },
    {
      name: 'push: title, body and data rendered',
      content: { channel: 'push', title: 'Hi {{firstName}}', body: 'Order {{orderId}}', data: { order: '{{orderId}}', who: '{{customerId}}' } },
      expected: { channel: 'push', endpointArn: 'arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/1', title: 'Hi Zoë <b>&</b> "Al"', body: 'Order A-1', data: { order: 'A-1', who: 'cust-1' } },
    },
    {
      name: 'in_app: call to action tracked',
      content: { channel: 'in_app', title: 'T {{orderId}}', body: 'B', callToAction: { label: 'Rate {{orderId}}', url: 'https://s.example.com/r/{{orderId}}' } },
      expected: { channel: 'in_app', customerId: 'cust-1', title: 'T A-1', body: 'B', callToAction: { label: 'Rate A-1', url: 'https://t.example.com/t/{https://s.example.com/r/A-1}' } },
    },
    {
      name: 'webhook: JSON-escaped values',
      content: { channel: 'webhook', url: 'https://hooks.example.com/wa', payloadTemplate: '{"to":"{{customerId}}","text":"Hi {{firstName}}"}' },
      expected: { channel: 'webhook', url: 'https://hooks.example.com/wa', body: '{"to":"cust-1","text":"Hi Zoë <b>&</b> \\"Al\\""}' },
    },
  ])('$name', ({ content: value, expected }) => {
    expect(renderMessage(content(value), input())).toMatchObject(expected);
  });

  it("leaves an SMS's type out when the experiment does not set it (the sender applies the deployment's default)", () => {
    expect(renderMessage(content({ channel: 'sms', text: 'Hi' }), input())).not.toHaveProperty('smsType');
  });

  it.each([
    { name: 'sms without phone', value: { channel: 'sms', text: 'x' }, path: 'contact.phone' },
    { name: 'push without endpoint', value: { channel: 'push', title: 't', body: 'b' }, path: 'contact.pushEndpointArn' },
  ])('refuses $name', ({ value, path }) => {
    expectValidation(() => renderMessage(content(value), input({ contact: {} })), [path]);
  });

  it('refuses an SMS that tracking links push over the length limit', () => {
    const longTracker = (url: string) => `https://t.example.com/t/${'x'.repeat(1600)}${url}`;
    expectValidation(
      () => renderMessage(content({ channel: 'sms', text: 'https://s.example.com/' }), input({ links: { trackClick: longTracker, unsubscribeUrl: UNSUBSCRIBE } })),
      ['text'],
    );
  });
});

describe('renderMessage: missing variables', () => {
  it('names every missing variable', () => {
    const error = expectValidation(
      () => renderMessage(content({ channel: 'email', subject: '{{b}} {{firstName}}', text: '{{a}} {{b}}' }), input()),
      ['variables.a', 'variables.b'],
    );
    expect(error.message).toContain('a, b');
  });

  it('built-ins need no value from the caller', () => {
    const rendered = renderMessage(content({ channel: 'sms', text: '{{customerId}} {{unsubscribeUrl}}' }), input({ variables: {} }));
    expect(rendered).toMatchObject({ text: `cust-1 ${UNSUBSCRIBE}` });
  });
});

describe('renderWebhookPayload', () => {
  it('stays valid JSON and carries every value exactly, whatever the values', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: 'grapheme' }), (a, b) => {
        const body = renderWebhookPayload('{"a":"{{a}}","nested":{"b":"x-{{b}}-y"}}', { a, b });
        const parsed = JSON.parse(body) as { a: string; nested: { b: string } };
        return parsed.a === a && parsed.nested.b === `x-${b}-y`;
      }),
    );
  });

  it.each([
    { name: 'variable outside a string literal with a non-number value', template: '{"n": {{a}} }', values: { a: 'oops' } },
    { name: 'template that is not JSON', template: 'to={{a}}', values: { a: 'x' } },
  ])('refuses $name', ({ template, values }) => {
    expectValidation(() => renderWebhookPayload(template, values), ['payloadTemplate']);
  });
});

describe('renderMessage: the open pixel', () => {
  const PIXEL = 'https://t.example.com/o/signed-open';
  const withPixel = input({ links: { trackClick: track, unsubscribeUrl: UNSUBSCRIBE, openPixelUrl: PIXEL } });
  const pixelTag = `<img src="${PIXEL}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`;

  it.each([
    { name: 'a full document: just before </body>', html: '<html><body><p>Hi <a href="https://shop.example.com">shop</a></p></BODY></html>', expected: `<html><body><p>Hi <a href="${track('https://shop.example.com')}">shop</a></p>${pixelTag}</BODY></html>` },
    { name: 'a fragment: at the end', html: '<p>Hi</p>', expected: `<p>Hi</p>${pixelTag}` },
  ])('goes into the HTML once, unwrapped, in $name', ({ html, expected }) => {
    const rendered = renderMessage(content({ channel: 'email', subject: 'Hi', html, text: 'Hi' }), withPixel);
    expect(rendered).toMatchObject({ channel: 'email', html: expected, text: 'Hi' });
  });

  it('a text-only email has no pixel (nothing can load it)', () => {
    const rendered = renderMessage(content({ channel: 'email', subject: 'Hi', text: 'Hi' }), withPixel);
    expect(rendered).not.toHaveProperty('html');
    expect(JSON.stringify(rendered)).not.toContain(PIXEL);
  });

  it('no other channel carries it', () => {
    const rendered = renderMessage(content({ channel: 'in_app', title: 'Hi', body: 'Hi' }), withPixel);
    expect(JSON.stringify(rendered)).not.toContain(PIXEL);
  });
});
