import type { INodeProperties } from 'n8n-workflow';
import { MATON_WHATSAPP_APP } from '../../../shared/core';

/** Maton's app name; its connections for WhatsApp Business are under "whatsapp-business". */
export const appProperty: INodeProperties = {
  displayName: 'App',
  name: 'app',
  type: 'string',
  default: MATON_WHATSAPP_APP,
  description: 'The Maton app of the connections; leave as is for WhatsApp Business',
};
