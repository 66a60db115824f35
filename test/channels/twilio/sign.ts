/** Signs a webhook the way Twilio does, with the twilio package itself. */
import twilio from 'twilio';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'f00dbabe0123456789abcdef01234567';

export type Form = Record<string, string>;

/** Headers and body for fastify's inject (or fetch) of a form Twilio signed for `signedUrl`. */
export function signed(signedUrl: string, form: Form, token = AUTH_TOKEN) {
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(token, signedUrl, form),
    },
    payload: new URLSearchParams(form).toString(),
  };
}
