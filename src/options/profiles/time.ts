// Expiry times as the user reads them: the local time, and how far away it is.
export function formatExpiry(at: number, now = Date.now()): string {
  const minutes = Math.round((at - now) / 60_000);
  const when = new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  if (minutes < 0) return `${when} (expired)`;
  if (minutes < 60) return `${when} (in ${minutes} min)`;
  const hours = Math.round(minutes / 60);
  return `${when} (in ${hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`})`;
}
