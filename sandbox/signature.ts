// Cyware Open API request signing (cyware-api.md §1), shared by CTIX and CFTR.
// The sandbox verifies exactly what the real servers are documented to check, so a client that
// passes here passes there: three query parameters, HMAC-SHA1 over "AccessID\nExpires" keyed with
// the UTF-8 secret, standard Base64, and an Expires window of [now, now + 30 s].
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface Credential {
  accessId: string;
  secret: string;
}

export type SignatureVerdict =
  'ok' | 'missing' | 'bad-signature' | 'unknown-access-id' | 'expired' | 'too-far-ahead';

/** How far ahead of the server clock Expires may be (CTIX documents 30 s). */
export const MAX_EXPIRES_AHEAD_S = 30;

export function sign(accessId: string, secret: string, expires: number | string): string {
  return createHmac('sha1', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${accessId}\n${expires}`, 'utf8'))
    .digest('base64');
}

/** Query string of a correctly signed request; URLSearchParams encodes the Base64 exactly once. */
export function signedQuery(cred: Credential, expires: number): URLSearchParams {
  return new URLSearchParams({
    AccessID: cred.accessId,
    Expires: String(expires),
    Signature: sign(cred.accessId, cred.secret, expires),
  });
}

// Comparing SHA-256 digests keeps timingSafeEqual usable for inputs of different lengths without
// leaking the expected length or the position of the first differing byte.
function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

export interface VerifyResult {
  verdict: SignatureVerdict;
  /** Status the server answers when the verdict is not 'ok'. */
  status: 200 | 401 | 403;
  detail: string;
}

/**
 * Check a request's query against one credential. `nowS` is the server clock in Unix seconds,
 * taken when the request arrived. Order: presence, AccessID, HMAC, then the time window, so a
 * badly signed request is always 401 and only a correctly signed one can learn about clock skew.
 */
export function verifySignature(
  query: URLSearchParams,
  cred: Credential,
  nowS: number,
): VerifyResult {
  const accessId = query.get('AccessID');
  const expires = query.get('Expires');
  const signature = query.get('Signature');
  if (!accessId || !expires || !signature) {
    return {
      verdict: 'missing',
      status: 401,
      detail:
        'Authentication credentials were not provided: AccessID, Expires and Signature are required query parameters.',
    };
  }
  // Expires must be the decimal text of an integer; anything else cannot have been signed by a
  // conforming client, so it is reported like a missing parameter.
  if (!/^\d{1,12}$/.test(expires)) {
    return {
      verdict: 'missing',
      status: 401,
      detail: 'Expires must be an integer Unix time in seconds.',
    };
  }
  if (!constantTimeEqual(accessId, cred.accessId)) {
    return { verdict: 'unknown-access-id', status: 401, detail: 'Invalid AccessID.' };
  }
  if (!constantTimeEqual(signature, sign(cred.accessId, cred.secret, expires))) {
    return { verdict: 'bad-signature', status: 401, detail: 'Signature does not match.' };
  }
  const exp = Number(expires);
  if (exp < nowS) {
    return { verdict: 'expired', status: 403, detail: 'signature expired or clock skew' };
  }
  if (exp > nowS + MAX_EXPIRES_AHEAD_S) {
    return { verdict: 'too-far-ahead', status: 403, detail: 'signature expired or clock skew' };
  }
  return { verdict: 'ok', status: 200, detail: 'ok' };
}
