import type { FlavorHandler } from '../flavor-handlers';
import { writeJson } from '../../http/respond';

// PLACEHOLDER (replaced in this session by the itnio flavor).
export const serveItnio: FlavorHandler = async (_ctx, _request, response) => {
  writeJson(response, 501, { error: 'itnio flavor not built yet' });
};
