// The vault: where long-term secret access keys rest. Without a passphrase they are stored as given (the options
// page says so plainly); with one they are sealed with AES-GCM under a PBKDF2-derived key. Unlocking derives the
// key once per browser session and keeps its bytes in storage.session (memory only, gone when the browser
// closes), so a worker restart does not ask for the passphrase again.
import type { VaultStatus } from '../../shared/protocol-profiles.ts';
import { browser } from '../../shared/compat.ts';
import { LOCAL_KEYS, SESSION_KEYS, storedSecretCheck, type StoredSecret } from './model.ts';
import { keysWithPrefix, readChecked, remove, serialiser, write } from './storage.ts';
import {
  createVault, fromBase64, importVaultKey, open, seal, secretAad, toBase64, unlockVault, WrongPassphraseError, type VaultHeader,
} from './vault-crypto.ts';
import { int, obj, oneOf, str } from '../../shared/validate.ts';

const MIN_PASSPHRASE = 8;
const SECRET_PREFIX = LOCAL_KEYS.secret('');

const headerCheck = obj({ version: oneOf(1), salt: str(64), iterations: int, verifier: obj({ iv: str(64), data: str(256) }) });

const queue = serialiser();
/** The imported key for the bytes in storage.session, so each use does not re-import. */
let keyCache: { bytes: string; key: CryptoKey } | null = null;

export type SecretRead = { ok: true; secretAccessKey: string } | { ok: false; reason: 'locked' | 'missing'; message: string };

export class VaultLockedError extends Error {
  override name = 'VaultLockedError';
  constructor() {
    super('The vault is locked: unlock it with your passphrase on the options page first.');
  }
}

const readHeader = () => readChecked<VaultHeader>('local', LOCAL_KEYS.vault, headerCheck);

async function sessionKey(): Promise<CryptoKey | null> {
  const bytes = await readChecked<string>('session', SESSION_KEYS.vaultKey, str(64));
  if (!bytes) return (keyCache = null);
  if (keyCache?.bytes !== bytes) keyCache = { bytes, key: await importVaultKey(fromBase64(bytes)) };
  return keyCache.key;
}

async function allSecrets(): Promise<Map<string, StoredSecret>> {
  const keys = await keysWithPrefix('local', SECRET_PREFIX);
  const secrets = new Map<string, StoredSecret>();
  for (const key of keys) {
    const secret = await readChecked<StoredSecret>('local', key, storedSecretCheck);
    if (secret) secrets.set(key.slice(SECRET_PREFIX.length), secret);
  }
  return secrets;
}

export async function vaultStatus(): Promise<VaultStatus> {
  const header = await readHeader();
  const secrets = await allSecrets();
  const plainSecrets = [...secrets.values()].filter((s) => s.format === 'plain').length;
  return { encrypted: header !== null, unlocked: header !== null && (await sessionKey()) !== null, iterations: header?.iterations ?? null, plainSecrets };
}

/** Every saved secret in clear, for re-sealing. Needs the vault unlocked when a passphrase is set. */
async function plainSecrets(): Promise<Map<string, string>> {
  const secrets = await allSecrets();
  const key = (await readHeader()) ? await sessionKey() : null;
  const plain = new Map<string, string>();
  for (const [profileId, secret] of secrets) {
    if (secret.format === 'plain') plain.set(profileId, secret.secretAccessKey);
    else if (key) plain.set(profileId, await open(key, secret, secretAad(profileId)));
    else throw new VaultLockedError();
  }
  return plain;
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE) throw new Error(`Choose a passphrase of at least ${MIN_PASSPHRASE} characters.`);
}

/** Sets the first passphrase (seals every plain secret) or changes it (needs the current one). */
export function setPassphrase(passphrase: string, currentPassphrase: string | null): Promise<VaultStatus> {
  return queue(async () => {
    checkPassphrase(passphrase);
    const header = await readHeader();
    if (header) {
      if (currentPassphrase === null) throw new Error('A passphrase is already set: enter the current one to change it.');
      await write('session', SESSION_KEYS.vaultKey, toBase64(await unlockVault(header, currentPassphrase)));
    }
    const secrets = await plainSecrets();
    const created = await createVault(passphrase);
    const key = await importVaultKey(created.keyBytes);
    const writes: Record<string, unknown> = { [LOCAL_KEYS.vault]: created.header };
    for (const [profileId, secretAccessKey] of secrets)
      writes[LOCAL_KEYS.secret(profileId)] = { format: 'sealed', ...(await seal(key, secretAccessKey, secretAad(profileId))) } satisfies StoredSecret;
    // One set() call: the new header and the secrets sealed under it are written together.
    await browser.storage.local.set(writes);
    await write('session', SESSION_KEYS.vaultKey, toBase64(created.keyBytes));
    return vaultStatus();
  });
}

/** Stores every secret unsealed again and drops the passphrase. */
export function removePassphrase(currentPassphrase: string): Promise<VaultStatus> {
  return queue(async () => {
    const header = await readHeader();
    if (!header) return vaultStatus();
    await write('session', SESSION_KEYS.vaultKey, toBase64(await unlockVault(header, currentPassphrase)));
    const secrets = await plainSecrets();
    const writes: Record<string, unknown> = {};
    for (const [profileId, secretAccessKey] of secrets) writes[LOCAL_KEYS.secret(profileId)] = { format: 'plain', secretAccessKey } satisfies StoredSecret;
    await browser.storage.local.set(writes);
    await remove('local', LOCAL_KEYS.vault);
    await remove('session', SESSION_KEYS.vaultKey);
    return vaultStatus();
  });
}

/** Throws WrongPassphraseError ("Wrong passphrase.") when the verifier does not open. */
export function unlock(passphrase: string): Promise<VaultStatus> {
  return queue(async () => {
    const header = await readHeader();
    if (!header) throw new Error('No passphrase is set, so there is nothing to unlock.');
    await write('session', SESSION_KEYS.vaultKey, toBase64(await unlockVault(header, passphrase)));
    return vaultStatus();
  });
}

export function lock(): Promise<VaultStatus> {
  return queue(async () => {
    await remove('session', SESSION_KEYS.vaultKey);
    keyCache = null;
    return vaultStatus();
  });
}

export function storeSecret(profileId: string, secretAccessKey: string): Promise<void> {
  return queue(async () => {
    const header = await readHeader();
    let stored: StoredSecret = { format: 'plain', secretAccessKey };
    if (header) {
      const key = await sessionKey();
      if (!key) throw new VaultLockedError();
      stored = { format: 'sealed', ...(await seal(key, secretAccessKey, secretAad(profileId))) };
    }
    await write('local', LOCAL_KEYS.secret(profileId), stored);
  });
}

export async function hasSecret(profileId: string): Promise<boolean> {
  return (await readChecked('local', LOCAL_KEYS.secret(profileId), storedSecretCheck)) !== null;
}

export async function readSecret(profileId: string): Promise<SecretRead> {
  const stored = await readChecked<StoredSecret>('local', LOCAL_KEYS.secret(profileId), storedSecretCheck);
  if (!stored) return { ok: false, reason: 'missing', message: 'No secret access key is saved for this profile: enter it again on the options page.' };
  if (stored.format === 'plain') return { ok: true, secretAccessKey: stored.secretAccessKey };
  const key = await sessionKey();
  if (!key) return { ok: false, reason: 'locked', message: new VaultLockedError().message };
  try {
    return { ok: true, secretAccessKey: await open(key, stored, secretAad(profileId)) };
  } catch (error) {
    if (!(error instanceof WrongPassphraseError)) throw error;
    return { ok: false, reason: 'missing', message: 'The saved secret access key does not open with this passphrase: enter the key again.' };
  }
}

export async function isLocked(): Promise<boolean> {
  return (await readHeader()) !== null && (await sessionKey()) === null;
}

export function forgetSecret(profileId: string): Promise<void> {
  return queue(() => remove('local', LOCAL_KEYS.secret(profileId)));
}
