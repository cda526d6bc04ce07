import type { MediaStore } from '../media/media-store';
import type { TemplateStore } from '../templates/template-store';

/** What message validation needs to look up on the server side. */
export interface SendDeps {
  phoneNumberId: string;
  media: MediaStore;
  templates: TemplateStore;
}
