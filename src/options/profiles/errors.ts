// What a failed request says to the user: the worker's reason without the message-type prefix the router adds
// ("vault/unlock: Wrong passphrase." reads "Wrong passphrase.").
import { errorMessage } from '../../core/text.ts';

export function errorText(error: unknown): string {
  const text = errorMessage(error);
  return text.replace(/^[a-z]+\/[a-z-]+: /, '');
}
