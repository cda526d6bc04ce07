import { compact } from '../json';
import type { JsonObject } from '../json';
import type { InteractiveHeader, InteractiveObject } from '../schemas/message/interactive';
import { mediaToWire } from './media';

function headerToWire(header: InteractiveHeader): JsonObject {
  switch (header.type) {
    case 'text':
      return { type: 'text', text: header.text };
    case 'image':
      return { type: 'image', image: mediaToWire(header.image) };
    case 'video':
      return { type: 'video', video: mediaToWire(header.video) };
    case 'document':
      return { type: 'document', document: mediaToWire(header.document) };
  }
}

export function interactiveToWire(interactive: InteractiveObject): JsonObject {
  const body = { text: interactive.body.text };
  switch (interactive.type) {
    case 'button':
      return compact({
        type: 'button',
        header: interactive.header && headerToWire(interactive.header),
        body,
        footer: interactive.footer && { text: interactive.footer.text },
        action: { buttons: interactive.action.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) },
      });
    case 'list':
      return compact({
        type: 'list',
        header: interactive.header && headerToWire(interactive.header),
        body,
        footer: interactive.footer && { text: interactive.footer.text },
        action: {
          button: interactive.action.button,
          sections: interactive.action.sections.map((section) =>
            compact({
              title: section.title,
              rows: section.rows.map((row) => compact({ id: row.id, title: row.title, description: row.description })),
            }),
          ),
        },
      });
    case 'cta_url':
      return compact({
        type: 'cta_url',
        header: interactive.header && headerToWire(interactive.header),
        body,
        footer: interactive.footer && { text: interactive.footer.text },
        action: { name: 'cta_url', parameters: { display_text: interactive.action.displayText, url: interactive.action.url } },
      });
    case 'location_request':
    case 'location_request_message':
      return { type: 'location_request_message', body, action: { name: 'send_location' } };
  }
}
