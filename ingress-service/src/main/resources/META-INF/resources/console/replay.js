// What the dead-letter and dead-event pages share: the rows an operator ticked, and a replay that asks first.

import { announce, confirmAction } from './view.js';

/** The ticked rows, by id; rows no longer listed fall out when the list is read again. */
export class Selection {
  constructor(changed) {
    this.ids = new Set();
    this.changed = changed;
  }

  has(id) {
    return this.ids.has(id);
  }

  get size() {
    return this.ids.size;
  }

  toggle(id, on) {
    if (on) {
      this.ids.add(id);
    } else {
      this.ids.delete(id);
    }
    this.changed();
  }

  keepListed(rows) {
    const listed = new Set(rows.map((row) => row.id));
    this.ids = new Set([...this.ids].filter((id) => listed.has(id)));
  }

  all() {
    return [...this.ids];
  }

  clear() {
    this.ids.clear();
  }
}

/**
 * Replays the ids through {@code send} once the operator confirms, saying how many and what follows;
 * answers what to tell the operator, or null when nothing was asked or it was cancelled.
 */
export async function replayConfirmed(ids, what, consequence, send) {
  if (!ids.length || !await confirmAction(`Replay ${what}?`, `${ids.length} ${consequence}`, `Replay ${ids.length}`)) {
    return null;
  }
  const result = await send({ method: 'POST', body: { ids } });
  const message = `Replayed ${result.replayed} ${what.includes('event') ? 'dead event(s)' : 'dead letter(s)'}.`;
  announce(message);
  return message;
}
