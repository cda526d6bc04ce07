import { LIMITS } from 'whatsapp-business-core';
import { Field } from '../validation/field';

/** Shared by location messages, location template headers and simulated inbound locations. */
export function validateCoordinates(field: Field): void {
  const { latitude, longitude } = LIMITS.location;
  field.child('latitude').numeric({ min: -latitude, max: latitude });
  field.child('longitude').numeric({ min: -longitude, max: longitude });
  field.child('name').optionalString();
  field.child('address').optionalString();
}

export function validateLocation(field: Field): void {
  field.object(['latitude', 'longitude', 'name', 'address']);
  validateCoordinates(field);
}
