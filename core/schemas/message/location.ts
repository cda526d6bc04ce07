import { z } from 'zod';
import { LIMITS } from '../../rules/limits';
import { numberInRange } from '../../validation/fields';

export const locationObject = z.strictObject({
  latitude: numberInRange(-LIMITS.location.latitude, LIMITS.location.latitude),
  longitude: numberInRange(-LIMITS.location.longitude, LIMITS.location.longitude),
  name: z.string().optional(),
  address: z.string().optional(),
});
export type LocationObject = z.output<typeof locationObject>;
