import { webhookSecretProblem } from './webhook-secret.rule';

describe('webhookSecretProblem', () => {
  it.each([
    'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    `whsec_${Buffer.from('x'.repeat(25)).toString('base64')}`,
    `whsec_${Buffer.from('x'.repeat(64)).toString('base64')}`,
    'a plain secret',
    'plain-secret-for-update-42',
  ])('accepts %j', (secret) => {
    expect(webhookSecretProblem(secret)).toBeNull();
  });

  it.each([
    ['whsec_!!!notbase64', /not standard base64/],
    ['whsec_abc', /not standard base64/],
    ['whsec_', /not standard base64/],
    ['whsec_abcd=', /not standard base64/],
    ['whsec_ab==cd==', /not standard base64/],
    ['whsec_MfKQ9r8G-_PD8ILPZIo2LaLaSw', /not standard base64/],
    ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw  ', /whitespace/],
    [' whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', /whitespace/],
    ['        ', /whitespace/],
    ['secret\n', /whitespace/],
  ])('refuses %j', (secret, why) => {
    expect(webhookSecretProblem(secret)).toMatch(why);
  });
});
