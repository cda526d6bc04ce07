import { compact } from '../json';
import type { JsonObject } from '../json';
import type { InteractiveHeader, InteractiveObject } from '../schemas/message/interactive';
import { mediaHeaderToWire } from './media';

function headerToWire(header: InteractiveHeader): JsonObject {
  return header.type === 'text' ? { type: 'text', text: header.text } : mediaHeaderToWire(header);
}

/** Header, body and footer, which every interactive type lays out the same way. */
function frame(interactive: { header?: InteractiveHeader; body: { text: string }; footer?: { text: string } }) {
  return {
    header: interactive.header && headerToWire(interactive.header),
    body: { text: interactive.body.text },
    footer: interactive.footer && { text: interactive.footer.text },
  };
}

function actionToWire(interactive: InteractiveObject): JsonObject {
  switch (interactive.type) {
    case 'button':
      return { buttons: interactive.action.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) };
    case 'list':
      return {
        button: interactive.action.button,
        sections: interactive.action.sections.map((section) =>
          compact({
            title: section.title,
            rows: section.rows.map((row) => compact({ id: row.id, title: row.title, description: row.description })),
          }),
        ),
      };
    case 'cta_url':
      return { name: 'cta_url', parameters: { display_text: interactive.action.displayText, url: interactive.action.url } };
    case 'location_request':
    case 'location_request_message':
      return { name: 'send_location' };
  }
}

export function interactiveToWire(interactive: InteractiveObject): JsonObject {
  const isLocationRequest = interactive.type === 'location_request' || interactive.type === 'location_request_message';
  return compact({
    type: isLocationRequest ? 'location_request_message' : interactive.type,
    ...frame(interactive),
    action: actionToWire(interactive),
  });
}
