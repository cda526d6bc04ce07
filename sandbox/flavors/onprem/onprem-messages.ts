import { isJsonObject, type JsonObject, type JsonValue } from 'whatsapp-business-core';
import type { MediaStore } from '../../media/media-store';
import { acceptMessage } from '../../messages/accept-message';
import { startDelivery, type DeliveryOutcome } from '../../messages/delivery';
import { readEnvelope } from '../../messages/message-envelope';
import { pricingFor } from '../../messages/pricing';
import { checkSendPolicies } from '../../messages/send-policies';
import { validateContent } from '../../messages/validate-content';
import type { SandboxContext } from '../../runtime/context';
import { Field } from '../../validation/field';
import { jsonField } from '../../validation/json-field';
import { OnPremError, withOnPremErrors } from './onprem-error';
import { newOnPremMessageId } from './onprem-ids';
import { onPremState, type OnPremState } from './onprem-state';

/** Message types of the On-Premises reference the sandbox simulates (no reactions, no groups). */
const TYPES = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'template'] as const;
const TOP_KEYS = ['recipient_type', 'to', 'type', 'preview_url', 'context', 'hsm', ...TYPES];

/** The failed status the client reports for a free-form message outside the 24 h window (its code for Cloud's 131047). */
const OUTSIDE_WINDOW: JsonObject = {
  code: 470,
  title: 'Failed to send message because you are outside the support window for freeform messages to this user. Please use a valid HSM notification or reconsider.',
  details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  href: 'https://developers.facebook.com/docs/whatsapp/api/errors',
};

/** The shared media store, looked up by the UUIDs this client hands out instead of the store's ids. */
function mediaByUuid(store: MediaStore, state: OnPremState): MediaStore {
  const view = Object.create(store) as MediaStore;
  view.get = (uuid: string) => {
    const id = state.storeId(uuid);
    return id === undefined ? undefined : store.get(id);
  };
  return view;
}

/**
 * The On-Premises body in Cloud's shape, so that the Cloud flavor's validation applies unchanged:
 * messaging_product added, preview_url moved into text, the template's namespace and language
 * policy checked and dropped. What only Cloud has is refused in the On-Premises terms.
 */
function toCloudBody(root: Field): JsonObject {
  const body = root.object();
  if (root.child('hsm').isPresent || body.type === 'hsm') {
    throw new OnPremError(1009, 'hsm: the legacy template format is not simulated; send type "template" with template.namespace');
  }
  // The type first: for `type: "reaction", reaction: {...}` the useful complaint is about the type.
  const type = root.child('type').isPresent ? root.child('type').oneOf(TYPES) : 'text';
  root.object(TOP_KEYS);
  if (root.child('recipient_type').isPresent && root.child('recipient_type').oneOf(['individual', 'group'] as const) === 'group') {
    throw new OnPremError(1009, 'recipient_type: group messages are not simulated by the sandbox; use "individual"');
  }
  const cloud: JsonObject = { ...body, messaging_product: 'whatsapp', recipient_type: 'individual', type };
  delete cloud.preview_url;
  const previewUrl = root.child('preview_url').optionalBoolean();
  if (type === 'text') {
    const text = root.child('text');
    if (isJsonObject(text.value) && 'preview_url' in text.value) text.child('preview_url').unsupported('unknown parameter (On-Premises takes preview_url at the top level)');
    if (previewUrl !== undefined && isJsonObject(text.value)) cloud.text = { ...text.value, preview_url: previewUrl };
  } else if (previewUrl !== undefined) {
    root.child('preview_url').unsupported(`only for text messages (got type ${type})`);
  }
  if (type === 'template') cloud.template = cloudTemplate(root.child('template'));
  refuseCloudOnlyContent(root, type);
  return cloud;
}

/** Content the Cloud validation accepts but the On-Premises API never had. */
function refuseCloudOnlyContent(root: Field, type: (typeof TYPES)[number]): void {
  if (type === 'audio' && root.child('audio').child('voice').isPresent) {
    root.child('audio').child('voice').unsupported('unknown parameter (voice notes are a Cloud API feature)');
  }
  if (type === 'interactive') {
    const kind = root.child('interactive').child('type');
    if (kind.isPresent) kind.oneOf(['button', 'list'] as const);
  }
}

/** namespace and language.policy are On-Premises only; any well-formed namespace names the sandbox's one template set. */
function cloudTemplate(template: Field): JsonValue {
  const value = template.object();
  const namespace = template.child('namespace').string({ min: 1 });
  if (!/^[A-Za-z0-9_-]+$/.test(namespace)) template.child('namespace').invalid('must be letters, digits, _ and - (the namespace WhatsApp Manager shows)');
  const language = template.child('language');
  language.object(['policy', 'code']);
  const policy = language.child('policy').oneOf(['deterministic', 'fallback'] as const);
  if (policy === 'fallback') language.child('policy').unsupported('"fallback" is no longer supported; use "deterministic"');
  const rest = Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'namespace'));
  return { ...rest, language: { code: language.child('code').string({ min: 1 }) } };
}

/**
 * POST /v1/messages: the Cloud flavor's rules (content limits, templates, throughput, the 24 h
 * window) on the On-Premises dialect. Outside the window the client accepts the message and then
 * reports it failed with 470, as Cloud does with 131047. The log keeps the body as received.
 */
export function sendOnPremMessage(ctx: SandboxContext, body: Buffer): JsonObject {
  const state = onPremState(ctx);
  const { envelope, template, payload } = withOnPremErrors(() => {
    const root = jsonField(body, 'request body');
    const cloud = new Field('', toCloudBody(root));
    const read = readEnvelope(cloud);
    const deps = { phoneNumberId: ctx.config.phoneNumberId, media: mediaByUuid(ctx.state.media, state), templates: ctx.state.templates };
    const found = validateContent(cloud, read.type, deps);
    checkSendPolicies(ctx, read.waId);
    return { envelope: read, template: found, payload: root.object() };
  });
  const now = ctx.now();
  const message = acceptMessage(ctx, { id: newOnPremMessageId(), to: envelope.waId, type: envelope.type, payload }, now);
  const windowOpen = ctx.state.windows.isOpen(ctx.config.phoneNumberId, envelope.waId, now);
  const outcome: DeliveryOutcome =
    template === null && ctx.config.window && !windowOpen
      ? { kind: 'failed', error: OUTSIDE_WINDOW, bizOpaqueCallbackData: undefined }
      : { kind: 'delivered', pricing: pricingFor(template, windowOpen), bizOpaqueCallbackData: undefined };
  startDelivery(ctx, message, outcome);
  return { messages: [{ id: message.id }] };
}

/** PUT /v1/messages/{id} {"status":"read"} for a message this client received. */
export function markOnPremRead(ctx: SandboxContext, id: string, body: Buffer): JsonObject {
  withOnPremErrors(() => {
    const root = jsonField(body, 'request body');
    root.object(['status']);
    root.child('status').oneOf(['read'] as const);
  });
  const inbound = ctx.state.inbound.get(id);
  if (inbound === undefined || inbound.phoneNumberId !== ctx.config.phoneNumberId) {
    throw new OnPremError(1006, `messages/${id}: no message with this id was received by this client`, 404);
  }
  return {};
}
