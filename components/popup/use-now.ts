import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs`, so "5 min ago" keeps up while the popup is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
