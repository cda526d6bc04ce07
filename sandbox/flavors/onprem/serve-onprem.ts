import type { FlavorHandler } from '../flavor-handlers';
import { writeJson } from '../../http/respond';

// PLACEHOLDER (replaced in this session by the onprem flavor).
export const serveOnPrem: FlavorHandler = async (_ctx, _request, response) => {
  writeJson(response, 501, { error: 'onprem flavor not built yet' });
};
