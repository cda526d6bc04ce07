/**
 * WhatsApp Business (action node). Every operation is bound to an entry of core's operation
 * catalogue: the node maps parameters to the catalogue input, core validates and runs it, and the
 * result becomes items (pairedItem on each). Parameter names for workflow JSON:
 *
 * authentication: 'cloudApi' (credential whatsAppCloudApi) | 'matonApi' (matonApi) |
 *   'onPremisesApi' (whatsAppOnPremisesApi) | 'itnioApi' (itnioApi)
 *   Resource and Operation list everything (so n8n's node picker lists each action once and adds
 *   the operation it names); for an operation the chosen authentication's provider cannot run, a
 *   notice names the authentication that can. The Message Type and media-source selectors offer,
 *   per authentication, only what its provider supports (core's PROVIDER_SUPPORT). Anything
 *   unsupported (e.g. from an expression) fails with core's "... is not supported by <provider>" error.
 * resource / operation:
 *   message          send | sendTemplate | markRead
 *   template         getAll | get | create | delete
 *   media            upload | getUrl | download | delete
 *   phoneNumber      getAll | get
 *   businessProfile  get | update
 *   connection       getAll | create | get | delete                                  (Maton)
 *   account          getHealth | requestCode | verifyCode | getSettings | updateSettings  (On-Premises)
 *   contact          check                                                            (On-Premises)
 * Common: phoneNumberId (sender; loadOptions getPhoneNumbers; only for cloudApi and matonApi, the
 *   others send from the credential's one number), to (recipient), simplify (default true),
 *   options.concurrency (default 5, 1..20), additionalFields.{replyTo, bizOpaqueCallbackData} (send, sendTemplate)
 * message.send: messageType = text | image | audio | video | document | sticker | location | contacts |
 *   interactiveButtons | interactiveList | interactiveCtaUrl | interactiveLocationRequest | reaction
 *   text: textBody, previewUrl
 *   media: mediaSource = link | id | binary (id and binary only where the provider takes media ids);
 *     mediaLink | mediaId | binaryPropertyName ('data'); caption (image, video, document),
 *     filename (document), voice (audio)
 *   location: latitude, longitude, locationName, locationAddress
 *   contacts: contacts.contact[] {formattedName, firstName, lastName, phone, waId, email, company, url, birthday}
 *   interactive: bodyText; footerText; headerType = none|text|image|video|document, headerText,
 *     headerMediaSource = link|id, headerMedia, headerFilename (buttons, CTA); listHeaderText (list)
 *     buttons: replyButtons.button[] {id, title} (1-3)
 *     list: listButtonText, listRows.row[] {section, id, title, description} (grouped by section)
 *     CTA URL: ctaDisplayText, ctaUrl
 *   reaction: reactionMessageId, emoji ('' removes)
 * message.sendTemplate: template ('name|language'; loadOptions getTemplates where the provider lists
 *   templates, else typed in), bodyParameters.parameter[] {type: text|currency|date_time, text, code, amount1000},
 *   namedBodyParameters.parameter[] {name, type, text, code, amount1000},
 *   templateHeaderType = none|text|image|video|document|location, templateHeaderText, templateHeaderName,
 *   templateHeaderSource = link|id, templateHeaderMedia, templateHeaderFilename,
 *   templateHeaderLatitude/Longitude/LocationName/LocationAddress,
 *   templateButtons.button[] {index, subType: quick_reply|url|copy_code, value}
 *   (On-Premises: the template namespace comes from the credential)
 * message.markRead: messageId, typingIndicator
 * template.getAll: returnAll (true), limit, filters.{name, status, category, language}
 * template.get: getBy = name|id, templateName, templateLanguage, templateId
 * template.create: templateName, templateLanguage, category, componentsMode = fields|json,
 *   componentHeader, componentBody, componentExamples (comma-separated), componentFooter, componentsJson,
 *   allowCategoryChange
 * template.delete: templateName, templateId (optional: one language)
 * media.upload: phoneNumberId, binaryPropertyName ('data'), uploadOptions.{fileName, mimeType}
 * media.getUrl / media.delete: mediaId;  media.download: mediaId, binaryPropertyName ('data', output)
 * phoneNumber.get / businessProfile.get: phoneNumberId
 * businessProfile.update: phoneNumberId, updateFields.{about, address, description, email, vertical, websites, profilePictureHandle}
 * connection.getAll: app ('whatsapp-business'), filters.status (e.g. ACTIVE); one item per connection
 * connection.create: app;  connection.get / connection.delete: connectionId
 * account.getHealth / account.getSettings: no parameters
 * account.requestCode: countryCode, phoneNumber, method = sms|voice, cert, pin
 * account.verifyCode: code
 * account.updateSettings: updateFields.{webhookUrl, statusSent, statusDelivered, statusRead,
 *   maxConcurrentWebhookRequests, callbackPersist, autoDownload, passThrough, callbackBackoffDelayMs,
 *   maxCallbackBackoffDelayMs}
 * contact.check: contacts (comma- or line-separated), blocking = wait|no_wait; one item per number
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { authenticationProperty, providerCredentials } from '../shared/provider';
import * as account from './actions/account';
import * as businessProfile from './actions/businessProfile';
import { optionsProperty } from './actions/common.description';
import * as connection from './actions/connection';
import * as contact from './actions/contact';
import * as media from './actions/media';
import * as message from './actions/message';
import * as phoneNumber from './actions/phoneNumber';
import { router } from './actions/router';
import * as template from './actions/template';
import { getPhoneNumbers, getTemplates } from './methods/loadOptions';

/** Alphabetical, as n8n lists options. */
const RESOURCES = [
  { name: 'Account', value: 'account' },
  { name: 'Business Profile', value: 'businessProfile' },
  { name: 'Connection', value: 'connection' },
  { name: 'Contact', value: 'contact' },
  { name: 'Media', value: 'media' },
  { name: 'Message', value: 'message' },
  { name: 'Phone Number', value: 'phoneNumber' },
  { name: 'Template', value: 'template' },
];

export class WhatsAppBusiness implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'WhatsApp Business',
    name: 'whatsAppBusiness',
    icon: { light: 'file:whatsAppBusiness.svg', dark: 'file:whatsAppBusiness.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Send WhatsApp messages (interactive, media, templates), manage templates, media and the business profile, over the Cloud API, Maton, On-Premises or ITNIO',
    defaults: { name: 'WhatsApp Business' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: providerCredentials,
    properties: [
      authenticationProperty,
      // Every resource, whatever the credential: one selector, so that n8n's node picker lists each
      // action once (see operationSelectors); the Operation's notice names the credential it needs.
      { displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, options: RESOURCES, default: 'message' },
      ...message.description,
      ...template.description,
      ...media.description,
      ...phoneNumber.description,
      ...businessProfile.description,
      ...connection.description,
      ...account.description,
      ...contact.description,
      optionsProperty,
    ],
  };

  methods = { loadOptions: { getPhoneNumbers, getTemplates } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router.call(this);
  }
}
