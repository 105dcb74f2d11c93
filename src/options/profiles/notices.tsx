// The fixed texts of the profile section: why a saved secret is never shown, what an unencrypted key means, and
// what each permission is used for. Kept as data so the wording is reviewed in one place.

export const SECRET_NOTICE = [
  'After you save a secret access key, why-denied never shows it again: it stays in the extension\'s background worker, and this page only learns the access key ID and that a secret is saved.',
  'AWS works the same way: it shows a secret access key only once, when the key is created. If you lose it, create a new key pair; an IAM user can hold at most two access keys, so you may have to delete one first.',
  'Never hand your access keys to a third party. Prefer IAM Identity Center or temporary keys where you can.',
] as const;

export const NO_SECRET_NOTICE =
  'A passphrase encrypts long-term secret access keys saved here; you then unlock once per browser session. Identity Center sign-in needs none.';

export const UNENCRYPTED_NOTICE =
  'No passphrase is set: long-term secret access keys are stored unencrypted in this browser profile. Set a passphrase to encrypt them; you then unlock once per browser session.';

export const ENCRYPTED_NOTICE =
  'Long-term secret access keys are encrypted with your passphrase (AES-GCM, key from PBKDF2-SHA-256). Temporary keys, assumed-role credentials and Identity Center tokens are kept only in memory for this browser session.';

export const PERMISSION_USES: readonly { what: string; why: string }[] = [
  { what: 'Storage', why: 'keeps your settings and profiles; temporary credentials and tokens only in session memory, which the browser clears when it closes.' },
  { what: 'iam.amazonaws.com, sts.amazonaws.com, sts.us-east-1.amazonaws.com, organizations.us-east-1.amazonaws.com', why: "a diagnosis reads IAM policies and runs IAM's policy simulator, STS tells who a profile signs in as (Test), and Organizations gives the SCPs and RCPs of the account. Read-only calls, made only when you diagnose or press Test." },
  { what: 'All *.amazonaws.com hosts (asked only when you press Sign in or Test)', why: 'IAM Identity Center sign-in (oidc.<region> and portal.sso.<region>) and STS in a Region other than us-east-1; *.amazonaws.com.cn for the China Regions.' },
  { what: 'AWS console pages (Billing and Cost Management)', why: 'the content script reads the access-denied messages there and shows the explanation beside them.' },
  { what: 'A local endpoint override (http://127.0.0.1 or localhost)', why: 'needs no permission: the local endpoint answers the browser itself. Use it for tests or AWS-compatible local services.' },
];

export function SecretNotice() {
  return (
    <div class="notice" data-testid="wd-secret-notice">
      {SECRET_NOTICE.map((line) => <p key={line}>{line}</p>)}
    </div>
  );
}

export function PermissionUses() {
  return (
    <details class="permissions">
      <summary>What each permission is used for</summary>
      <dl>
        {PERMISSION_USES.map(({ what, why }) => [<dt key={`${what}-t`}>{what}</dt>, <dd key={`${what}-d`}>{why}</dd>])}
      </dl>
    </details>
  );
}
