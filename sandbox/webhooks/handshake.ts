import { randomDigits } from '../runtime/ids';
import { sendOutbound } from './outbound-request';

export type HandshakeResult = { ok: true } | { ok: false; reason: string };

const HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * Meta's subscription check: GET the callback with hub.mode, hub.challenge and hub.verify_token and
 * accept it only when the receiver answers 200 with the challenge as the whole body.
 */
export async function verifyCallback(callbackUrl: string, verifyToken: string, signal: AbortSignal): Promise<HandshakeResult> {
  const challenge = randomDigits(10);
  const url = new URL(callbackUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', verifyToken);
  const result = await sendOutbound({ method: 'GET', url: url.toString(), signal, timeoutMs: HANDSHAKE_TIMEOUT_MS });
  if (!result.ok) return { ok: false, reason: result.error };
  if (result.status !== 200) return { ok: false, reason: `receiver answered HTTP ${result.status}` };
  if (result.body !== challenge) {
    return { ok: false, reason: 'receiver did not echo hub.challenge as the response body' };
  }
  return { ok: true };
}
