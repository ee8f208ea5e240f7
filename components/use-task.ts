// The busy/status pattern every action button shares: one task at a time, "busy" while it runs, and a line
// that says how it went (an error keeps its own role so screen readers announce it).
import { useCallback, useRef, useState } from 'preact/hooks';

export interface TaskStatus {
  error: boolean;
  text: string;
}

export function useTask() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<TaskStatus | null>(null);
  const running = useRef(false);
  /**
   * Runs `work` unless another task runs; its result (a message, or nothing) becomes the status; a failure
   * becomes `failed(message)`'s text. Resolves true when the work succeeded.
   */
  const run = useCallback(async (work: () => Promise<string | void>, failed: (message: string) => string = (m) => m): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setStatus(null);
    try {
      const text = await work();
      setStatus(text ? { error: false, text } : null);
      return true;
    } catch (e) {
      setStatus({ error: true, text: failed(errorText(e)) });
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, status, setStatus, run };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Ctrl+Enter (⌘+Enter on a Mac) saves, in every form that writes a note. */
export function isSaveShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}
