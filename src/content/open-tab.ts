// How "Send to admin" opens the admin's mailto: or ticket link, from the panel and from the panel frame alike: a new
// tab with no opener and no referrer, so the ticket form learns nothing of the page but what the URL carries.
import type { OpenTab } from './panel/types.ts';

export function openTabFrom(win: Pick<Window, 'open'> | null | undefined): OpenTab {
  return (url) => void win?.open(url, '_blank', 'noopener,noreferrer');
}
