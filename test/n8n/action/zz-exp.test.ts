import { NodeHelpers } from 'n8n-workflow';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
const d = new WhatsAppBusiness().description;
test('exp', () => {
  const node = { typeVersion: 1, parameters: {}, name: 'x', type: 't', id: 'i', position: [0, 0] } as any;
  for (const v of [{ operation: 'check', resource: 'contact' }, { operation: 'getHealth', resource: 'account' }, { operation: 'download', resource: 'media' }])
  console.log(JSON.stringify(NodeHelpers.getNodeParameters(d.properties, v, true, false, node, d)));
});
