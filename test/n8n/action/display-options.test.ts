/**
 * The action node lists every resource and operation for every credential (n8n's node picker needs
 * one selector each, see node-picker.test.ts) with a notice where the credential's provider cannot
 * run the operation; message types and media sources are offered per credential, only what its
 * provider supports, derived from core's PROVIDER_SUPPORT and each catalogue operation's `requires`. Checked with n8n's own NodeHelpers (what the editor and the workflow
 * loader use), so duplicate selectors that n8n would show together are caught too.
 */
import type { INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { MESSAGE_KINDS, operations, PROVIDER_SUPPORT, supportsAll } from 'whatsapp-business-core';
import type { MessageKind, OperationName } from 'whatsapp-business-core';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { MESSAGE_TYPES } from '../../../nodes/WhatsAppBusiness/actions/message/send.operation';
import { OPERATION_CHOICES } from '../../../nodes/WhatsAppBusiness/actions/router';
import { AUTHENTICATIONS } from '../../../nodes/shared/provider';
import type { AuthenticationName } from '../../../nodes/shared/provider';

const description = new WhatsAppBusiness().description;
const NODE = { typeVersion: 1 };
const AUTHS = Object.keys(AUTHENTICATIONS) as AuthenticationName[];

/** The parameters n8n resolves for these values (defaults of what is displayed, nothing else). */
function resolved(values: INodeParameters): INodeParameters {
  return NodeHelpers.getNodeParameters(description.properties, values, true, false, NODE, description) ?? {};
}

/** The displayed properties called `name` for these values. */
function displayed(values: INodeParameters, name: string): INodeProperties[] {
  const parameters = resolved(values);
  return description.properties.filter((property) => property.name === name && NodeHelpers.displayParameter(parameters, property, NODE, description));
}

/** The option values of the one displayed `name` selector (none when it is not displayed). */
function optionsOf(values: INodeParameters, name: string): string[] {
  const shown = displayed(values, name);
  expect(shown.length).toBeLessThanOrEqual(1);
  return ((shown[0]?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));
}

const providerOf = (authentication: AuthenticationName) => AUTHENTICATIONS[authentication].provider;

const noticesShown = (values: INodeParameters): string[] => displayed(values, 'unsupportedOperationNotice').map((notice) => notice.displayName);

describe('resources and operations: listed for every credential, a notice where the provider cannot run it', () => {
  const ALL_RESOURCES = ['account', 'businessProfile', 'connection', 'contact', 'media', 'message', 'phoneNumber', 'template'];

  test.each(AUTHS)('%s: every resource and every operation is listed (one selector each)', (authentication) => {
    expect(optionsOf({ authentication }, 'resource')).toEqual(ALL_RESOURCES);
    for (const [resource, choices] of Object.entries(OPERATION_CHOICES)) {
      expect(optionsOf({ authentication, resource }, 'operation')).toEqual(choices.map((choice) => choice.value));
    }
  });

  test.each(AUTHS)('%s: the notice shows exactly for the operations its provider cannot run, naming the credentials that can', (authentication) => {
    for (const [resource, choices] of Object.entries(OPERATION_CHOICES)) {
      for (const choice of choices) {
        const runs = supportsAll(providerOf(authentication), operations[choice.operation].requires) &&
          (choice.kind === undefined || PROVIDER_SUPPORT[providerOf(authentication)].messageKinds.includes(choice.kind));
        const notices = noticesShown({ authentication, resource, operation: choice.value });
        expect([resource, choice.value, notices.length]).toEqual([resource, choice.value, runs ? 0 : 1]);
        if (!runs) {
          const able = AUTHS.filter((other) => supportsAll(providerOf(other), operations[choice.operation].requires) &&
            (choice.kind === undefined || PROVIDER_SUPPORT[providerOf(other)].messageKinds.includes(choice.kind)));
          for (const other of able) expect(notices[0]).toContain(AUTHENTICATIONS[other].name);
          expect(notices[0]).toContain(String(choice.action));
        }
      }
    }
  });

  test('examples: On-Premises-only and Maton-only operations, and what ITNIO cannot do', () => {
    expect(noticesShown({ authentication: 'cloudApi', resource: 'contact', operation: 'check' })).toEqual([
      '"Check contacts" needs the WhatsApp On-Premises API (legacy) credential: choose it under Authentication',
    ]);
    expect(noticesShown({ authentication: 'onPremisesApi', resource: 'contact', operation: 'check' })).toEqual([]);
    expect(noticesShown({ authentication: 'cloudApi', resource: 'connection', operation: 'getAll' })[0]).toContain('Maton API');
    expect(noticesShown({ authentication: 'itnioApi', resource: 'template', operation: 'getAll' })).toHaveLength(1);
    expect(noticesShown({ authentication: 'itnioApi', resource: 'template', operation: 'create' })).toEqual([]);
    expect(noticesShown({ authentication: 'matonApi', resource: 'media', operation: 'download' })).toHaveLength(1);
    expect(noticesShown({ authentication: 'cloudApi', resource: 'media', operation: 'download' })).toEqual([]);
  });

  test('defaults are the same for every credential, even where not offered (ITNIO\'s Template > Get Many fails instead of turning into Create)', () => {
    expect(resolved({ authentication: 'itnioApi', resource: 'template' }).operation).toBe('getAll');
    expect(resolved({ authentication: 'cloudApi', resource: 'template' }).operation).toBe('getAll');
    expect(resolved({ authentication: 'onPremisesApi' })).toMatchObject({ resource: 'message', operation: 'send' });
  });

  test('a Cloud API workflow resolves exactly as before the providers (same parameters, same defaults)', () => {
    expect(resolved({ authentication: 'cloudApi', resource: 'message', operation: 'send' })).toMatchObject({
      phoneNumberId: '',
      to: '',
      messageType: 'text',
      textBody: '',
      previewUrl: false,
    });
    expect(resolved({ authentication: 'cloudApi', resource: 'message', operation: 'send', messageType: 'image' })).toMatchObject({ mediaSource: 'link', mediaLink: '' });
  });

  test('every catalogue operation is reachable from at least one credential', () => {
    const reachable = new Set<OperationName>();
    for (const authentication of AUTHS) {
      for (const resource of optionsOf({ authentication }, 'resource')) {
        for (const value of optionsOf({ authentication, resource }, 'operation')) {
          const choice = OPERATION_CHOICES[resource].find((entry) => entry.value === value);
          if (choice && noticesShown({ authentication, resource, operation: value }).length === 0) reachable.add(choice.operation);
        }
      }
    }
    expect([...reachable].sort()).toEqual(Object.keys(operations).sort());
  });
});

describe('message types and media sources per credential', () => {
  const send = (authentication: AuthenticationName, more: INodeParameters = {}) => ({ authentication, resource: 'message', operation: 'send', ...more });

  test.each(AUTHS)('%s: the message types are the kinds its provider sends', (authentication) => {
    const kinds = PROVIDER_SUPPORT[providerOf(authentication)].messageKinds;
    const expected = MESSAGE_TYPES.filter((type) => kinds.includes(type.kind)).map((type) => type.value);
    expect(optionsOf(send(authentication), 'messageType')).toEqual(expected);
  });

  test('every node message type maps to a distinct message kind (template is Send Template)', () => {
    const kinds = MESSAGE_TYPES.map((type) => type.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect([...kinds, 'template'].sort()).toEqual([...MESSAGE_KINDS].sort() as MessageKind[]);
  });

  test('examples: reactions and CTA URLs are hidden for On-Premises; ITNIO keeps location requests', () => {
    expect(optionsOf(send('onPremisesApi'), 'messageType')).not.toEqual(expect.arrayContaining(['reaction']));
    expect(optionsOf(send('onPremisesApi'), 'messageType')).not.toContain('interactiveCtaUrl');
    expect(optionsOf(send('itnioApi'), 'messageType')).toContain('interactiveLocationRequest');
    expect(optionsOf(send('cloudApi'), 'messageType')).toHaveLength(MESSAGE_TYPES.length);
  });

  test('media by id and from a binary field only where the provider takes media ids (ITNIO: links only)', () => {
    expect(optionsOf(send('cloudApi', { messageType: 'image' }), 'mediaSource')).toEqual(['link', 'id', 'binary']);
    expect(optionsOf(send('onPremisesApi', { messageType: 'document' }), 'mediaSource')).toEqual(['link', 'id', 'binary']);
    expect(optionsOf(send('itnioApi', { messageType: 'image' }), 'mediaSource')).toEqual(['link']);
    expect(optionsOf(send('itnioApi', { messageType: 'interactiveButtons', headerType: 'image' }), 'headerMediaSource')).toEqual(['link']);
    expect(optionsOf({ authentication: 'itnioApi', resource: 'message', operation: 'sendTemplate', templateHeaderType: 'video' }, 'templateHeaderSource')).toEqual(['link']);
    expect(optionsOf({ authentication: 'cloudApi', resource: 'message', operation: 'sendTemplate', templateHeaderType: 'video' }, 'templateHeaderSource')).toEqual(['link', 'id']);
  });

  test('the sender picker only where the provider lists phone numbers; the template picker only where it lists templates', () => {
    for (const authentication of AUTHS) {
      const lists = supportsAll(providerOf(authentication), ['listPhoneNumbers']);
      expect(displayed(send(authentication), 'phoneNumberId')).toHaveLength(lists ? 1 : 0);
      const template = displayed({ authentication, resource: 'message', operation: 'sendTemplate' }, 'template');
      expect(template).toHaveLength(1);
      const listsTemplates = supportsAll(providerOf(authentication), ['listTemplates']);
      expect(template[0].type).toBe(listsTemplates ? 'options' : 'string');
    }
  });
});

describe('credentials of the node', () => {
  test('one credential per authentication, shown only for it', () => {
    expect(description.credentials).toEqual(
      AUTHS.map((authentication) => ({ name: AUTHENTICATIONS[authentication].credential, required: true, displayOptions: { show: { authentication: [authentication] } } })),
    );
    expect((description.properties[0].options as INodePropertyOptions[]).map((option) => option.name)).toEqual([
      'WhatsApp Cloud API (Meta)',
      'Maton API',
      'WhatsApp On-Premises API (legacy)',
      'ITNIO API',
    ]);
  });
});

describe('template body parameters', () => {
  const fieldsShown = (collection: string, entry: INodeParameters): string[] => {
    const property = description.properties.find((candidate) => candidate.name === collection);
    const values = ((property?.options ?? []) as Array<{ values: INodeProperties[] }>)[0].values;
    return values.filter((field) => NodeHelpers.displayParameter(entry, field, NODE, description)).map((field) => field.name);
  };

  test.each(['bodyParameters', 'namedBodyParameters'])('%s: currency code and amount only for a currency parameter', (collection) => {
    const named = collection === 'namedBodyParameters' ? ['name'] : [];
    expect(fieldsShown(collection, { type: 'text' })).toEqual([...named, 'type', 'text']);
    expect(fieldsShown(collection, { type: 'date_time' })).toEqual([...named, 'type', 'text']);
    expect(fieldsShown(collection, { type: 'currency' })).toEqual([...named, 'type', 'text', 'code', 'amount1000']);
  });
});
