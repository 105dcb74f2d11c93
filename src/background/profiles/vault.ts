// The vault: where long-term secret access keys rest. Without a passphrase they are stored as given (the options
// page says so plainly); with one they are sealed with AES-GCM under a PBKDF2-derived key. Unlocking derives the
// key once and keeps its bytes in storage.session (memory only, gone when the browser closes), so a worker
// restart does not ask for the passphrase again. It locks itself after the idle time the user chose.
import { IDLE_LOCK_MINUTES, type VaultStatus } from '../../shared/protocol-profiles.ts';
import { KEPT_KEYS, SESSION_KEYS, storedSecretCheck, type StoredSecret } from './model.ts';
import { keysWithPrefix, readChecked, remove, serialiser, write, writeMany } from '../storage/areas.ts';
import {
  createVault, fromBase64, importVaultKey, open, seal, secretAad, toBase64, unlockVault, WrongPassphraseError, type VaultHeader,
} from './vault-crypto.ts';
import { int, obj, oneOf, str } from '../../shared/validate.ts';

const MIN_PASSPHRASE = 8;
const SECRET_PREFIX = KEPT_KEYS.secret('');

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

const readHeader = () => readChecked<VaultHeader>('kept', KEPT_KEYS.vault, headerCheck);

export async function idleLockMinutes(): Promise<number> {
  const minutes = await readChecked<number>('kept', KEPT_KEYS.idleLockMinutes, int);
  return minutes !== null && minutes >= IDLE_LOCK_MINUTES.min && minutes <= IDLE_LOCK_MINUTES.max ? minutes : IDLE_LOCK_MINUTES.default;
}

let idleTimer: ReturnType<typeof setTimeout> | null = null;

/** Drops the key when it has not been used for the idle time (also called at worker start). */
export async function lockIfIdle(now = Date.now()): Promise<boolean> {
  const usedAt = await readChecked<number>('session', SESSION_KEYS.vaultUsedAt, int);
  if (usedAt !== null && now - usedAt < (await idleLockMinutes()) * 60_000) return false;
  await remove('session', [SESSION_KEYS.vaultKey, SESSION_KEYS.vaultUsedAt]);
  keyCache = null;
  return true;
}

/** Each use of the key restarts the idle time; a timer locks the vault when it runs out while the worker lives. */
async function touch(now = Date.now()): Promise<void> {
  await write('session', SESSION_KEYS.vaultUsedAt, now);
  if (idleTimer !== null) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void lockIfIdle(), (await idleLockMinutes()) * 60_000 + 1000);
}

async function keepKey(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  await write('session', SESSION_KEYS.vaultKey, toBase64(bytes));
  await touch();
}

/** The unlocked key, or null. A use (`use`: opening or sealing a secret) restarts the idle time; a look does not. */
async function sessionKey(use = true): Promise<CryptoKey | null> {
  const bytes = await readChecked<string>('session', SESSION_KEYS.vaultKey, str(64));
  if (!bytes || (await lockIfIdle())) return (keyCache = null);
  if (use) await touch();
  if (keyCache?.bytes !== bytes) keyCache = { bytes, key: await importVaultKey(fromBase64(bytes)) };
  return keyCache.key;
}

export async function setIdleLock(minutes: number): Promise<VaultStatus> {
  if (minutes < IDLE_LOCK_MINUTES.min || minutes > IDLE_LOCK_MINUTES.max)
    throw new Error(`Lock after: choose between ${IDLE_LOCK_MINUTES.min} and ${IDLE_LOCK_MINUTES.max} minutes.`);
  await write('kept', KEPT_KEYS.idleLockMinutes, minutes);
  return vaultStatus();
}

async function allSecrets(): Promise<Map<string, StoredSecret>> {
  const keys = await keysWithPrefix('kept', SECRET_PREFIX);
  const secrets = new Map<string, StoredSecret>();
  for (const key of keys) {
    const secret = await readChecked<StoredSecret>('kept', key, storedSecretCheck);
    if (secret) secrets.set(key.slice(SECRET_PREFIX.length), secret);
  }
  return secrets;
}

export async function vaultStatus(): Promise<VaultStatus> {
  const header = await readHeader();
  const secrets = await allSecrets();
  const plainSecrets = [...secrets.values()].filter((s) => s.format === 'plain').length;
  return {
    encrypted: header !== null,
    unlocked: header !== null && (await sessionKey(false)) !== null,
    iterations: header?.iterations ?? null,
    plainSecrets,
    idleLockMinutes: await idleLockMinutes(),
  };
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
      await keepKey(await unlockVault(header, currentPassphrase));
    }
    const secrets = await plainSecrets();
    const created = await createVault(passphrase);
    const key = await importVaultKey(created.keyBytes);
    const writes: Record<string, unknown> = { [KEPT_KEYS.vault]: created.header };
    for (const [profileId, secretAccessKey] of secrets)
      writes[KEPT_KEYS.secret(profileId)] = { format: 'sealed', ...(await seal(key, secretAccessKey, secretAad(profileId))) } satisfies StoredSecret;
    // One set() call: the new header and the secrets sealed under it are written together.
    await writeMany('kept', writes);
    await keepKey(created.keyBytes);
    return vaultStatus();
  });
}

/** Stores every secret unsealed again and drops the passphrase. */
export function removePassphrase(currentPassphrase: string): Promise<VaultStatus> {
  return queue(async () => {
    const header = await readHeader();
    if (!header) return vaultStatus();
    await keepKey(await unlockVault(header, currentPassphrase));
    const secrets = await plainSecrets();
    const writes: Record<string, unknown> = {};
    for (const [profileId, secretAccessKey] of secrets) writes[KEPT_KEYS.secret(profileId)] = { format: 'plain', secretAccessKey } satisfies StoredSecret;
    await writeMany('kept', writes);
    await remove('kept', KEPT_KEYS.vault);
    await remove('session', [SESSION_KEYS.vaultKey, SESSION_KEYS.vaultUsedAt]);
    return vaultStatus();
  });
}

/** Throws WrongPassphraseError ("Wrong passphrase.") when the verifier does not open. */
export function unlock(passphrase: string): Promise<VaultStatus> {
  return queue(async () => {
    const header = await readHeader();
    if (!header) throw new Error('No passphrase is set, so there is nothing to unlock.');
    await keepKey(await unlockVault(header, passphrase));
    return vaultStatus();
  });
}

export function lock(): Promise<VaultStatus> {
  return queue(async () => {
    await remove('session', [SESSION_KEYS.vaultKey, SESSION_KEYS.vaultUsedAt]);
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
    await write('kept', KEPT_KEYS.secret(profileId), stored);
  });
}

export async function hasSecret(profileId: string): Promise<boolean> {
  return (await readChecked('kept', KEPT_KEYS.secret(profileId), storedSecretCheck)) !== null;
}

export async function readSecret(profileId: string): Promise<SecretRead> {
  const stored = await readChecked<StoredSecret>('kept', KEPT_KEYS.secret(profileId), storedSecretCheck);
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
  return (await readHeader()) !== null && (await sessionKey(false)) === null;
}

export function forgetSecret(profileId: string): Promise<void> {
  return queue(() => remove('kept', KEPT_KEYS.secret(profileId)));
}
