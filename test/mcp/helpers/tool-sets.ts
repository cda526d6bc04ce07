/**
 * The tools each provider must list, written out by hand (not derived from the server's own
 * support table) so that a change in what a provider offers shows up as a test change.
 */
export const CLOUD_TOOLS = [
  'whatsapp_send_text',
  'whatsapp_send_media',
  'whatsapp_send_template',
  'whatsapp_send_interactive',
  'whatsapp_send_location',
  'whatsapp_send_contacts',
  'whatsapp_react',
  'whatsapp_mark_read',
  'whatsapp_list_templates',
  'whatsapp_get_template',
  'whatsapp_create_template',
  'whatsapp_delete_template',
  'whatsapp_upload_media',
  'whatsapp_get_media',
  'whatsapp_download_media',
  'whatsapp_delete_media',
  'whatsapp_list_phone_numbers',
  'whatsapp_get_phone_number',
  'whatsapp_get_business_profile',
  'whatsapp_update_business_profile',
  'whatsapp_list_conversations',
  'whatsapp_get_conversation',
  'whatsapp_wait_for_reply',
] as const;

/** With the embedded sandbox, the Cloud API's tools plus the simulated customer. */
export const SANDBOX_TOOLS = [...CLOUD_TOOLS, 'whatsapp_simulate_customer_message'] as const;

/** Maton proxies the Graph API: everything but media downloads, plus its connections. */
export const MATON_TOOLS = [
  'whatsapp_send_text',
  'whatsapp_send_media',
  'whatsapp_send_template',
  'whatsapp_send_interactive',
  'whatsapp_send_location',
  'whatsapp_send_contacts',
  'whatsapp_react',
  'whatsapp_mark_read',
  'whatsapp_list_templates',
  'whatsapp_get_template',
  'whatsapp_create_template',
  'whatsapp_delete_template',
  'whatsapp_upload_media',
  'whatsapp_get_media',
  'whatsapp_delete_media',
  'whatsapp_list_phone_numbers',
  'whatsapp_get_phone_number',
  'whatsapp_get_business_profile',
  'whatsapp_update_business_profile',
  'whatsapp_list_connections',
  'whatsapp_create_connection',
  'whatsapp_get_connection',
  'whatsapp_delete_connection',
  'whatsapp_list_conversations',
  'whatsapp_get_conversation',
  'whatsapp_wait_for_reply',
] as const;

/** On-Premises: no reactions, no template management, no media URL, no phone number list; its own account tools. */
export const ONPREM_TOOLS = [
  'whatsapp_send_text',
  'whatsapp_send_media',
  'whatsapp_send_template',
  'whatsapp_send_interactive',
  'whatsapp_send_location',
  'whatsapp_send_contacts',
  'whatsapp_mark_read',
  'whatsapp_check_contacts',
  'whatsapp_upload_media',
  'whatsapp_download_media',
  'whatsapp_delete_media',
  'whatsapp_get_business_profile',
  'whatsapp_update_business_profile',
  'whatsapp_get_health',
  'whatsapp_request_registration_code',
  'whatsapp_verify_registration_code',
  'whatsapp_get_application_settings',
  'whatsapp_update_application_settings',
  'whatsapp_list_conversations',
  'whatsapp_get_conversation',
  'whatsapp_wait_for_reply',
] as const;

/** ITNIO documents sending and template creation only (media by link, no reactions). */
export const ITNIO_TOOLS = [
  'whatsapp_send_text',
  'whatsapp_send_media',
  'whatsapp_send_template',
  'whatsapp_send_interactive',
  'whatsapp_send_location',
  'whatsapp_send_contacts',
  'whatsapp_create_template',
  'whatsapp_list_conversations',
  'whatsapp_get_conversation',
  'whatsapp_wait_for_reply',
] as const;
