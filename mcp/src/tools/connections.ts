import { MATON_WHATSAPP_APP } from 'whatsapp-business-core';
import { bindOperation, catalogue } from './bind';
import type { ToolDefinition } from './define';

/** Maton gateway only: the OAuth connections (WhatsApp Business Accounts) its gateway acts through. */
const DOCS = {
  app: `Maton app name; default "${MATON_WHATSAPP_APP}".`,
  status: 'Only connections in this state, e.g. "ACTIVE" (authorized and usable).',
  connectionId: 'Maton connection id (from whatsapp_list_connections).',
};

export function connectionTools(): ToolDefinition[] {
  return [
    bindOperation(catalogue('connection.list'), {
      name: 'whatsapp_list_connections',
      description:
        'Maton gateway only. Lists the WhatsApp Business connections of the Maton account with their status (ACTIVE once authorized). ' +
        'Without MATON_CONNECTION_ID the gateway acts through the oldest ACTIVE one.',
      toolset: 'connections',
      docs: DOCS,
    }),
    bindOperation(catalogue('connection.create'), {
      name: 'whatsapp_create_connection',
      description:
        'Maton gateway only. Starts a new WhatsApp Business connection and returns its url: a person must open it in a browser and finish ' +
        'Meta\'s authorization before the connection becomes ACTIVE (check with whatsapp_get_connection). Give the url to the user; do not open it yourself.',
      toolset: 'connections',
      docs: DOCS,
    }),
    bindOperation(catalogue('connection.get'), {
      name: 'whatsapp_get_connection',
      description: 'Maton gateway only. Gets one connection: its status, app, dates and the authorization url.',
      toolset: 'connections',
      docs: DOCS,
    }),
    bindOperation(catalogue('connection.delete'), {
      name: 'whatsapp_delete_connection',
      description:
        'Maton gateway only. Deletes a connection: requests through it (named by MATON_CONNECTION_ID, or relying on it as the oldest active one) stop working. ' +
        'Cannot be undone; a new connection needs a person to authorize it again.',
      toolset: 'connections',
      docs: DOCS,
    }),
  ];
}
