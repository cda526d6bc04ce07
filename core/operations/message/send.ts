import { sendMessageInput } from '../../schemas/message/send-message';
import { sendMessageResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';
import { assertMessageSupported } from './message-support';

export const sendMessage = defineOperation({
  name: 'message.send',
  resource: 'message',
  title: 'Send message',
  description:
    'Sends a WhatsApp message: text, image, video, audio, document, sticker, location, contacts, reaction, interactive ' +
    '(reply buttons, list, call-to-action URL, location request) or an approved template. Free-form messages (everything ' +
    'but templates) reach a user only within 24 hours of their last message to you (the customer service window); ' +
    'outside it, send a template. The result means Meta accepted the message; delivery and reading arrive later as ' +
    'status webhooks.',
  input: sendMessageInput,
  result: sendMessageResult,
  annotations: { readOnly: false, destructive: true, idempotent: false },
  requires: ['sendMessage'],
  execute: (provider, input) => {
    // Checked before any provider code runs, so the refusal is the same on every face.
    assertMessageSupported(provider.name, provider.label, input);
    return provider.sendMessage(input);
  },
});
