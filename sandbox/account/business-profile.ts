import { BUSINESS_VERTICALS, LIMITS, type BusinessVertical, type JsonObject } from 'whatsapp-business-core';
import { Field } from '../validation/field';

export interface BusinessProfile {
  about: string;
  address: string;
  description: string;
  email: string;
  websites: string[];
  vertical: BusinessVertical;
  /** Set by an update with profile_picture_handle; until then Meta omits profile_picture_url. */
  profilePictureHandle: string | null;
}

export const PROFILE_FIELDS = [
  'about',
  'address',
  'description',
  'email',
  'profile_picture_url',
  'websites',
  'vertical',
  'messaging_product',
] as const;

export function defaultProfile(): BusinessProfile {
  return {
    about: 'Testing with the WhatsApp Sandbox',
    address: '1 Localhost Lane, Loopback 127001',
    description: 'A local stand-in for a WhatsApp Business profile.',
    email: 'sandbox@example.com',
    websites: ['https://example.com/'],
    vertical: 'OTHER',
    profilePictureHandle: null,
  };
}

export function profileObject(profile: BusinessProfile, pictureUrl: string | null): JsonObject {
  const object: JsonObject = {
    about: profile.about,
    address: profile.address,
    description: profile.description,
    email: profile.email,
    websites: profile.websites,
    vertical: profile.vertical,
    messaging_product: 'whatsapp',
  };
  if (pictureUrl !== null) object.profile_picture_url = pictureUrl;
  return object;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates the whole update before applying any of it, so a rejected update changes nothing. */
export function updateProfile(profile: BusinessProfile, body: Field): BusinessProfile {
  body.object(['messaging_product', 'about', 'address', 'description', 'email', 'websites', 'vertical', 'profile_picture_handle']);
  body.child('messaging_product').oneOf(['whatsapp'] as const);
  const limits = LIMITS.businessProfile;
  const next: BusinessProfile = { ...profile, websites: [...profile.websites] };
  const about = body.child('about').optionalString(limits.about);
  if (about !== undefined) next.about = about;
  const address = body.child('address').optionalString({ max: limits.address });
  if (address !== undefined) next.address = address;
  const description = body.child('description').optionalString({ max: limits.description });
  if (description !== undefined) next.description = description;
  const emailField = body.child('email');
  const email = emailField.optionalString({ max: limits.email });
  if (email !== undefined && email !== '' && !EMAIL.test(email)) emailField.invalid(`'${email}' is not a valid email address`);
  if (email !== undefined) next.email = email;
  const websites = body.child('websites').optionalArray({ max: limits.websites.max, noun: 'websites' });
  if (websites !== undefined) next.websites = websites.map((site) => site.httpUrl({ max: limits.websites.length }));
  if (body.child('vertical').isPresent) next.vertical = body.child('vertical').oneOf(BUSINESS_VERTICALS);
  const handle = body.child('profile_picture_handle').optionalString({ min: 1 });
  if (handle !== undefined) next.profilePictureHandle = handle;
  return next;
}
