import { useDesk } from '../state/desk-store';

/** The latest problem, in the service's own words (they say what to do). */
export function ErrorBanner() {
  const error = useDesk((s) => s.error);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-code={error.code}>
      {error.message}
    </div>
  );
}
