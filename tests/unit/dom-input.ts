// What a reader does to a form in the component tests, each inside act() so Preact has rendered when it returns.
import { act } from 'preact/test-utils';

/** Types `value` into a field (as one input event: what the components listen to). */
export async function typeInto(el: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Chooses an option of a list. */
export async function choose(el: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
