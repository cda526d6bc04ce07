import { LIMITS } from 'whatsapp-business-core';
import { Field } from '../validation/field';
import { UniqueValues } from './interactive-parts';

export function validateReplyButtonsAction(action: Field): void {
  action.object(['buttons']);
  const { min, max, id, title } = LIMITS.interactive.replyButtons;
  const buttons = action.child('buttons').array({ min, max, noun: 'buttons' });
  const ids = new UniqueValues('button id');
  const titles = new UniqueValues('button title');
  for (const button of buttons) {
    button.object(['type', 'reply']);
    button.child('type').oneOf(['reply'] as const);
    const reply = button.child('reply');
    reply.object(['id', 'title']);
    ids.check(reply.child('id'), reply.child('id').string({ min: 1, max: id }));
    titles.check(reply.child('title'), reply.child('title').string({ min: 1, max: title }));
  }
}
