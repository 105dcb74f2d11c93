// What a failed request says to the user: the worker's reason without the message-type prefix the router adds
// ("vault/unlock: Wrong passphrase." reads "Wrong passphrase.").
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^[a-z]+\/[a-z-]+: /, '');
}
