import type { TemplateRecord } from '../templates/template-record';
import { Field } from '../validation/field';
import type { MessageType } from './message-envelope';
import type { SendDeps } from './send-deps';
import { validateContacts } from './validate-contacts';
import { validateInteractive } from './validate-interactive';
import { validateLocation } from './validate-location';
import { validateMediaMessage } from './validate-media';
import { validateReaction } from './validate-reaction';
import { validateTemplateMessage } from './validate-template-message';
import { validateText } from './validate-text';

/** Checks the content object of the message's type; returns the template for template sends. */
export function validateContent(root: Field, type: MessageType, deps: SendDeps): TemplateRecord | null {
  const content = root.child(type);
  switch (type) {
    case 'text':
      validateText(content);
      return null;
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker':
      validateMediaMessage(content, type, deps);
      return null;
    case 'location':
      validateLocation(content);
      return null;
    case 'contacts':
      validateContacts(content);
      return null;
    case 'interactive':
      validateInteractive(content, deps);
      return null;
    case 'reaction':
      validateReaction(content);
      return null;
    case 'template':
      return validateTemplateMessage(content, deps);
  }
}
