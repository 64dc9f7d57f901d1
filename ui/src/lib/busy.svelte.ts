// Progress feedback: counts the commands in flight and shows the indicator only for calls that
// take longer than 200 ms, so quick edits do not flicker.

const DELAY_MS = 200;

class Busy {
  /** The label of the oldest slow call still running, or null when none is slow. */
  label = $state<string | null>(null);
  /** Edits sent to the file and not yet answered: each is saved (committed) once answered. */
  saving = $state(0);
  #running = new Map<number, string>();
  #slow = new Set<number>();
  #next = 0;

  start(label: string): () => void {
    const id = this.#next++;
    this.#running.set(id, label);
    const timer = setTimeout(() => {
      this.#slow.add(id);
      this.#update();
    }, DELAY_MS);
    return () => {
      clearTimeout(timer);
      this.#running.delete(id);
      this.#slow.delete(id);
      this.#update();
    };
  }

  #update() {
    const first = [...this.#slow][0];
    this.label = first === undefined ? null : (this.#running.get(first) ?? null);
  }

  /** Counts an edit in flight until the returned function is called (when the file answered). */
  write(): () => void {
    this.saving++;
    return () => this.saving--;
  }
}

export const busy = new Busy();
