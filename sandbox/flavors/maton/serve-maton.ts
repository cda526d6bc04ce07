import type { FlavorHandler } from '../flavor-handlers';
import { writeJson } from '../../http/respond';

// PLACEHOLDER (replaced in this session by the maton flavor).
export const serveMaton: FlavorHandler = async (_ctx, _request, response) => {
  writeJson(response, 501, { error: 'maton flavor not built yet' });
};
