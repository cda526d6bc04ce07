import type { WebhookEvent } from 'whatsapp-business-core';
import { metaWebhookExamples, normalize } from './helpers';

type Json = Record<string, unknown>;

const EXAMPLES = metaWebhookExamples();
const NAMES = Object.keys(EXAMPLES);

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Counted straight from the raw payload: what the normalizer must not lose. */
function expectedEventCount(body: Json): number {
  let count = 0;
  for (const entry of asList(body.entry) as Json[]) {
    for (const change of asList(entry.changes) as Json[]) {
      const value = change.value as Json;
      if (change.field === 'messages') {
        count += asList(value.messages).length + asList(value.statuses).length + asList(value.errors).length;
      } else if (Array.isArray(value.groups)) {
        count += value.groups.length;
      } else {
        count += 1;
      }
    }
  }
  return count;
}

/** Raw messages of a body, with the envelope data each event must carry. */
function rawMessages(body: Json): { message: Json; wabaId: string; metadata: Json; contacts: Json[] }[] {
  const out: { message: Json; wabaId: string; metadata: Json; contacts: Json[] }[] = [];
  for (const entry of asList(body.entry) as Json[]) {
    for (const change of asList(entry.changes) as Json[]) {
      const value = change.value as Json;
      for (const message of asList(value.messages) as Json[]) {
        out.push({ message, wabaId: entry.id as string, metadata: value.metadata as Json, contacts: asList(value.contacts) as Json[] });
      }
    }
  }
  return out;
}

const single = (name: string): WebhookEvent => {
  const events = normalize(EXAMPLES[name]);
  expect(events).toHaveLength(1);
  return events[0];
};

/** Per-example content checks: what each of Meta's samples is about. */
const CONTENT_CHECKS: Record<string, (event: WebhookEvent) => void> = {
  'Text Message': (e) => {
    expect(e.kind).toBe('message');
    expect(e.type).toBe('text');
    expect(e.text).toBe('Does it come in another color?');
    expect(e.context).toBeNull();
    expect(e.referral).toBeNull();
    expect(e.media).toBeNull();
  },
  'Text Message with Context (Product Inquiry)': (e) => {
    expect(e.type).toBe('text');
    expect(e.text).toBe('Is this still available?');
    expect(e.context).toEqual({
      messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGA9wcm9kdWN0X2lucXVpcnkA',
      from: '15550783881',
      forwarded: false,
      frequentlyForwarded: false,
      referredProduct: { catalogId: '194836987003835', productRetailerId: 'di9ozbzfi4' },
    });
  },
  'Text Message from Click to WhatsApp Ad': (e) => {
    expect(e.type).toBe('text');
    expect(e.text).toBe('Hello! Can I get more info on this?');
    expect(e.referral).not.toBeNull();
    expect(e.referral).toMatchObject({
      source_url: 'https://fb.me/3cr4Wqqkv',
      source_id: '120226305854810726',
      source_type: 'ad',
      headline: 'Chat with us',
      body: 'Summer Succulents are here!',
      media_type: 'image',
      welcome_message: { text: 'Hi there! Let us know how we can help!' },
    });
    expect(String(e.referral?.ctwa_clid)).toMatch(/^Aff-n8ZTODiE79d22/);
  },
  'Reaction Message': (e) => {
    expect(e.type).toBe('reaction');
    expect(e.reaction).toEqual({ messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA', emoji: '👍' });
  },
  'Image Message': (e) => {
    expect(e.type).toBe('image');
    expect(e.media).toMatchObject({
      id: '1003383421387256',
      mimeType: 'image/jpeg',
      sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
      caption: 'Taj Mahal',
      filename: null,
    });
    expect(e.text).toBe('Taj Mahal');
  },
  'Location Message': (e) => {
    expect(e.type).toBe('location');
    expect(e.location).toEqual({
      latitude: 37.44221496582,
      longitude: -122.16165924072,
      name: 'Philz Coffee',
      address: '101 Forest Ave, Palo Alto, CA 94301',
      url: 'https://philzcoffee.com/',
    });
  },
  'Contact Sharing Message': (e) => {
    expect(e.type).toBe('contacts');
    // The sender's profile name, not the shared card.
    expect(e.contactName).toBe('Sheena Nelson');
    expect(e.contacts).toHaveLength(1);
    const card = e.contacts![0];
    expect(card.name).toEqual({ formattedName: 'Lucía Gómez', firstName: 'Lucía', lastName: 'Gómez' });
    expect(card.phones).toEqual([{ phone: '+1 (983) 555-2319', waId: '19835552319', type: 'MOBILE' }]);
    expect(card.org).toMatchObject({ company: 'Google' });
  },
  'Unsupported Message': (e) => {
    expect(e.kind).toBe('message');
    expect(e.type).toBe('unsupported');
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toEqual({
      code: 131051,
      title: 'Message type unknown',
      message: 'Message type unknown',
      details: 'Message type is currently not supported.',
      href: null,
      hint: 'This message type is not supported.',
    });
  },
  'Button Message': (e) => {
    expect(e.type).toBe('button');
    expect(e.button).toEqual({ payload: 'Unsubscribe', text: 'Unsubscribe' });
    expect(e.text).toBe('Unsubscribe');
    expect(e.context?.messageId).toBe('wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA');
    expect(e.context?.from).toBe('15550783881');
  },
  'Interactive List Reply Message': (e) => {
    expect(e.type).toBe('interactive');
    expect(e.interactive).toMatchObject({ type: 'list_reply', id: 'priority_express', title: 'Priority Mail Express', description: 'Next Day to 2 Days' });
    expect(e.text).toBe('Priority Mail Express');
    expect(e.context?.messageId).toBe('wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJGMzEyNzhENTZDMzNGODlDRDgA');
  },
  'Interactive Button Reply Message': (e) => {
    expect(e.type).toBe('interactive');
    expect(e.interactive).toMatchObject({ type: 'button_reply', id: 'cancel-button', title: 'Cancel', description: null });
    expect(e.text).toBe('Cancel');
  },
  'Order Message': (e) => {
    expect(e.type).toBe('order');
    expect(e.text).toBe('');
    const raw = e.raw as { order: { catalog_id: string; product_items: unknown[] } };
    expect(raw.order.catalog_id).toBe('194836987003835');
    expect(raw.order.product_items).toHaveLength(2);
  },
  'System Message': (e) => {
    expect(e.type).toBe('system');
    expect(e.text).toBe('User Sheena Nelson changed from 16505551234 to 12195555358');
    // This value has no contacts array.
    expect(e.contactName).toBeNull();
  },
  'Group Create Message': (e) => {
    expect(e.kind).toBe('group');
    expect(e.field).toBe('group_lifecycle_update');
    expect(e.type).toBe('group_create');
    expect((e.raw as Json).group_id).toBe('Y2FwaV9ncm91cDoxODA1NTU1MDE3MjoxMjAzNjMyMjI3NzE5NjMwNjcZD');
    expect((e.raw as Json).added_participants).toHaveLength(2);
  },
  'Group Settings Update': (e) => {
    expect(e.kind).toBe('group');
    expect(e.field).toBe('group_settings_update');
    expect(e.type).toBe('group_settings_update');
    expect((e.raw as Json).profile_picture).toEqual({ mime_type: 'image/jpeg', sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHv' });
  },
  'Group Remove Participants': (e) => {
    expect(e.kind).toBe('group');
    expect(e.field).toBe('group_participants_update');
    expect((e.raw as Json).removed_participants).toHaveLength(2);
  },
};

describe("normalizeWebhook over Meta's 16 webhook examples", () => {
  it('has the 16 examples, each with a content check', () => {
    expect(NAMES).toHaveLength(16);
    expect(Object.keys(CONTENT_CHECKS).sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)('%s: one event per message, status, value-level error and group item', (name) => {
    const body = EXAMPLES[name];
    const events = normalize(body);
    expect(events.length).toBe(expectedEventCount(body));
    expect(events.length).toBeGreaterThan(0);
  });

  it.each(NAMES)('%s: never reports a known payload as unknown', (name) => {
    for (const event of normalize(EXAMPLES[name])) expect(event.kind).not.toBe('unknown');
  });

  it.each(NAMES.filter((name) => rawMessages(EXAMPLES[name]).length > 0))(
    '%s: message events carry messageId, from, contactName, numeric timestamp, type, phoneNumberId, wabaId',
    (name) => {
      const body = EXAMPLES[name];
      const events = normalize(body).filter((e) => e.kind === 'message');
      const raws = rawMessages(body);
      expect(events).toHaveLength(raws.length);
      raws.forEach(({ message, wabaId, metadata, contacts }, i) => {
        const event = events[i];
        expect(event.field).toBe('messages');
        expect(event.messageId).toBe(message.id);
        expect(event.from).toBe(message.from);
        expect(event.fromUserId).toBeNull();
        const expectedName = (contacts.find((c) => c.wa_id === message.from)?.profile as Json | undefined)?.name ?? null;
        expect(event.contactName).toBe(expectedName);
        expect(typeof event.timestamp).toBe('number');
        expect(event.timestamp).toBe(Number(message.timestamp));
        expect(event.type).toBe(message.type);
        expect(event.phoneNumberId).toBe(metadata.phone_number_id);
        expect(event.displayPhoneNumber).toBe(metadata.display_phone_number);
        expect(event.wabaId).toBe(wabaId);
        expect(event.raw).toEqual(message);
        expect(event.status).toBeNull();
      });
    },
  );

  it.each(NAMES)('%s: content', (name) => {
    CONTENT_CHECKS[name](single(name));
  });

  it('contactName is "Sheena Nelson" wherever the example has a contacts array', () => {
    const withContacts = NAMES.filter((name) => rawMessages(EXAMPLES[name]).some((m) => m.contacts.length > 0));
    expect(withContacts.length).toBe(12);
    for (const name of withContacts) expect(single(name).contactName).toBe('Sheena Nelson');
  });

  it('group events carry the envelope (wabaId, phoneNumberId) and no message fields', () => {
    for (const name of ['Group Create Message', 'Group Settings Update', 'Group Remove Participants']) {
      const event = single(name);
      expect(event.wabaId).toBe('102290129340398');
      expect(event.phoneNumberId).toBe('106540352242922');
      expect(event.messageId).toBeNull();
      expect(event.from).toBeNull();
      expect(event.text).toBeNull();
    }
  });

  it('all 16 examples at once, batched as entries of one body, give the same events in order', () => {
    const entries = NAMES.flatMap((name) => asList(EXAMPLES[name].entry));
    const batched = normalize({ object: 'whatsapp_business_account', entry: entries });
    const oneByOne = NAMES.flatMap((name) => normalize(EXAMPLES[name]));
    expect(batched).toEqual(oneByOne);
    expect(batched).toHaveLength(16);
  });

  it('message dedupe keys are distinct across examples with distinct message ids', () => {
    const events = NAMES.flatMap((name) => normalize(EXAMPLES[name])).filter((e) => e.kind === 'message');
    const ids = new Set(events.map((e) => e.messageId));
    const keys = new Set(events.map((e) => e.dedupeKey));
    expect(keys.size).toBe(ids.size);
  });
});
