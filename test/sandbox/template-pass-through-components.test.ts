import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient } from './helpers/client';

/** Meta's documented carousel and limited-time-offer templates (media handles shortened). */
const carousel = {
  name: 'summer_carousel_promo',
  language: 'en_US',
  category: 'marketing',
  components: [
    { type: 'body', text: 'Use code {{1}} to get {{2}} off your next order.', example: { body_text: [['15OFF', '15%']] } },
    {
      type: 'carousel',
      cards: [
        {
          components: [
            { type: 'header', format: 'image', example: { header_handle: ['4::handle'] } },
            { type: 'body', text: 'Rare lemons for unique cocktails.' },
            { type: 'buttons', buttons: [{ type: 'quick_reply', text: 'Send more like this' }] },
          ],
        },
      ],
    },
  ],
};

const limitedTimeOffer = {
  name: 'limited_time_offer_caribbean',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::handle'] } },
    { type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Expiring offer!', has_expiration: true } },
    { type: 'BODY', text: 'Good news, {{1}}! Use code {{2}} to get 25% off.', example: { body_text: [['Pablo', 'CARIBE25']] } },
    { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'CARIBE25' }] },
  ],
};

describe('CAROUSEL and LIMITED_TIME_OFFER template components', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  const templatesPath = (): string => `${sandbox.wabaId}/message_templates`;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new SandboxClient(sandbox);
  });
  beforeEach(() => client.control('POST', 'reset'));
  afterAll(() => sandbox.close());

  it('accepts a carousel as given and lists it back in the client order, type upper-cased', async () => {
    const { id } = await client.createTemplate(carousel);
    const template = (await client.graph('GET', id)).body as { components: Record<string, unknown>[] };
    expect(template.components.map((component) => component.type)).toEqual(['BODY', 'CAROUSEL']);
    expect(template.components[1]).toEqual({ ...carousel.components[1], type: 'CAROUSEL' });
  });

  it('accepts a limited-time offer between the header and the body', async () => {
    const { id } = await client.createTemplate(limitedTimeOffer);
    const template = (await client.graph('GET', id)).body as { components: Record<string, unknown>[] };
    expect(template.components.map((component) => component.type)).toEqual(['HEADER', 'LIMITED_TIME_OFFER', 'BODY', 'BUTTONS']);
    expect(template.components[1]).toEqual(limitedTimeOffer.components[1]);
  });

  it('does not count them as the BODY a template needs', async () => {
    const reply = await client.graph('POST', templatesPath(), { ...carousel, components: [carousel.components[1]] });
    expectGraphError(reply, 100, /^components: a BODY component is required$/);
  });

  it('allows at most one of each', async () => {
    const reply = await client.graph('POST', templatesPath(), { ...carousel, components: [...carousel.components, { type: 'CAROUSEL', cards: [] }] });
    expectGraphError(reply, 100, /^components: only one CAROUSEL component is allowed$/);
  });

  it('requires them to be objects', async () => {
    const reply = await client.graph('POST', templatesPath(), { ...carousel, components: [carousel.components[0], 'LIMITED_TIME_OFFER'] });
    expectGraphError(reply, 100, /^components\[1\]: must be an object \(got string\)$/);
  });
});
