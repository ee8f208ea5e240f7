// The keyboard shortcuts as the browser has them now (the reader may have changed them), and where to change them.
export interface Shortcut {
  description: string;
  /** The keys, e.g. "Alt+Shift+J"; empty when none is set (another extension took it, or the reader removed it). */
  keys: string;
}

export interface WelcomeShortcutsProps {
  shortcuts: Shortcut[];
  /** Where this browser lets the reader change them, in words. */
  changeHint: string;
}

export function WelcomeShortcuts({ shortcuts, changeHint }: WelcomeShortcutsProps) {
  return (
    <div>
      <table class="bs-shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.description}>
              <td>{s.keys ? <kbd>{s.keys}</kbd> : <span class="bs-muted">not set</span>}</td>
              <td>{s.description}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Esc</kbd>
            </td>
            <td>Close a highlight’s card</td>
          </tr>
        </tbody>
      </table>
      <p class="bs-muted">{changeHint}</p>
    </div>
  );
}
