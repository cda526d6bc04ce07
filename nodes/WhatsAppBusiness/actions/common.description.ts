import type { INodeProperties } from 'n8n-workflow';
import { authenticationsFor } from '../../shared/provider';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../helpers/concurrency';

/**
 * The sending (or queried) business number; loaded from the credential's WABA. Only for
 * providers that serve several numbers and list them (Cloud API, Maton): an On-Premises client
 * and an ITNIO credential each send from their one number.
 */
export const phoneNumberIdProperty: INodeProperties = {
  displayName: 'Sender Phone Number Name or ID',
  name: 'phoneNumberId',
  type: 'options',
  typeOptions: { loadOptionsMethod: 'getPhoneNumbers' },
  required: true,
  default: '',
  description:
    'The business phone number to use. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
  displayOptions: { show: { authentication: authenticationsFor('phoneNumber.list') } },
};

export const recipientProperty: INodeProperties = {
  displayName: 'Recipient Phone Number',
  name: 'to',
  type: 'string',
  required: true,
  default: '',
  placeholder: 'e.g. +1 650 555 1234',
  description: 'With country code; spaces, dashes, parentheses and a leading + or 00 are removed',
};

export const simplifyProperty: INodeProperties = {
  displayName: 'Simplify',
  name: 'simplify',
  type: 'boolean',
  default: true,
  description: 'Whether to return a compact version of the response instead of every field',
};

/** Node-wide options, shown for every operation. */
export const optionsProperty: INodeProperties = {
  displayName: 'Options',
  name: 'options',
  type: 'collection',
  placeholder: 'Add Option',
  default: {},
  options: [
    {
      displayName: 'Concurrency',
      name: 'concurrency',
      type: 'number',
      typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
      default: DEFAULT_CONCURRENCY,
      description: `How many items to process at the same time (1 = one after another; at most ${MAX_CONCURRENCY}). Output items keep the input order.`,
    },
  ],
};

/** Fields every sent message may carry: the reply-to quote and the callback data echoed in its statuses. */
export const messageAdditionalFields: INodeProperties = {
  displayName: 'Additional Fields',
  name: 'additionalFields',
  type: 'collection',
  placeholder: 'Add Field',
  default: {},
  options: [
    {
      displayName: 'Callback Data',
      name: 'bizOpaqueCallbackData',
      type: 'string',
      default: '',
      description: "Echoed back in this message's status webhooks, for your own correlation (up to 512 characters)",
    },
    {
      displayName: 'Reply To Message ID',
      name: 'replyTo',
      type: 'string',
      default: '',
      description: 'The ID (wamid) of a message to quote; the new message is shown as a reply to it',
    },
  ],
};
