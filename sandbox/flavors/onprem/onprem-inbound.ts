import type { InboundContent } from '../../control/inbound-content';
import type { SandboxContext } from '../../runtime/context';
import type { Field } from '../../validation/field';
import { onPremState } from './onprem-state';

/** Control API fields that have no On-Premises counterpart (business-scoped user ids are Cloud only). */
const CLOUD_ONLY_FIELDS = ['userId', 'omitPhone'];

export function refuseCloudOnlyInboundFields(root: Field): void {
  for (const key of CLOUD_ONLY_FIELDS) {
    if (root.child(key).isPresent) root.child(key).unsupported('not available in the onprem flavor: On-Premises webhooks carry the phone number only');
  }
}

/** Received media shows the UUID the client's own media endpoints know it by. */
export function withOnPremMediaId(ctx: SandboxContext, content: InboundContent): InboundContent {
  if (content.mediaId === undefined || Array.isArray(content.object)) return content;
  const uuid = onPremState(ctx).mediaUuid(content.mediaId);
  return { object: { ...content.object, id: uuid }, mediaId: uuid };
}
