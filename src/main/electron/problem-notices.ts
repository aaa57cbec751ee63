/**
 * Desktop notifications for problems that stop receipts being kept. A full disk fails every
 * commit, and tills turned away at the printer port are reported each minute; the manager needs
 * to hear about it once, not every minute, and again later if it is still going on. No electron
 * import: the tests drive it with a clock.
 */
export const NOTICE_QUIET_MS = 10 * 60_000;

export type ShowNotice = (title: string, body: string) => void;

/** Shows a notice unless one with the same code was shown within the quiet period. */
export function throttledNotices(
  show: ShowNotice,
  now: () => number = Date.now,
  quietMs = NOTICE_QUIET_MS,
): (code: string, title: string, body: string) => void {
  const lastShown = new Map<string, number>();
  return (code, title, body) => {
    const at = now();
    const last = lastShown.get(code);
    if (last !== undefined && at - last < quietMs) return;
    lastShown.set(code, at);
    show(title, body);
  };
}

/** The notice's title: what the manager lost, in a few words. */
export function noticeTitle(code: string): string {
  if (code === 'AUTO_EXPORT_FAILED') return 'The daily report was not written';
  return code === 'CONNECTIONS_REFUSED'
    ? 'Receipt Desk is turning tills away'
    : 'Receipt Desk stopped keeping receipts';
}
