// A profile's status as Cloudscape's status indicator shows one: an icon and a word, in the status colour. The word
// carries the meaning (the icon is hidden from assistive technology, the colour is never the only signal).
export type ShownStatus = 'ready' | 'untested' | 'locked' | 'needs-sign-in' | 'needs-keys' | 'pending' | 'failed';

const SHOWN: Record<ShownStatus, { label: string; icon: string; tone: 'success' | 'error' | 'warning' | 'info' | 'inactive' }> = {
  ready: { label: 'ready', icon: '✓', tone: 'success' },
  failed: { label: 'failed', icon: '✕', tone: 'error' },
  pending: { label: 'waiting for approval', icon: '◷', tone: 'info' },
  'needs-sign-in': { label: 'needs sign-in', icon: '!', tone: 'warning' },
  'needs-keys': { label: 'needs new keys', icon: '!', tone: 'warning' },
  locked: { label: 'locked', icon: '!', tone: 'warning' },
  untested: { label: 'not tested yet', icon: '○', tone: 'inactive' },
};

export function StatusBadge({ status }: { status: ShownStatus }) {
  const { label, icon, tone } = SHOWN[status];
  return (
    <span class="badge" data-testid="wd-profile-status" data-status={status} data-tone={tone}>
      <span class="icon" aria-hidden="true">{icon}</span>
      {label}
    </span>
  );
}
