// The star board, live: when the server says the branch's records changed, fetch this page again and swap in its board
// (and, on the board page, its step buttons: a month computed on another phone offers confirming here too).
// A secretary with a row's adjust form open, or typing in the table, keeps the table as it is: the swap waits
// (data-waiting="true" on the live box) until the form is closed or sent.
(function () {
  const root = document.querySelector('[data-live]');
  if (!root) return;
  const table = () => document.getElementById('board-live');
  const scroller = (live) => live && live.querySelector('.scroll');

  // On a narrow screen the table scrolls sideways: open it at the month being rated, just right of the names.
  const box = scroller(table());
  const now = box && box.querySelector('th.now');
  // Measured on screen and rounded up, so that no sliver of the month before shows beside the names.
  if (now && box.scrollWidth > box.clientWidth) {
    const names = box.querySelector('th').getBoundingClientRect().right;
    box.scrollLeft = Math.max(0, Math.ceil(box.scrollLeft + now.getBoundingClientRect().left - names));
  }

  if (!window.EventSource) return;
  let busy = false, again = false;
  function holding() {
    const t = table();
    if (!t) return false;
    const focused = document.activeElement;
    return t.querySelector('details[open]') !== null || (t.contains(focused) && focused.matches('input, select, textarea'));
  }
  async function refresh() {
    if (busy) { again = true; return; }
    if (holding()) { root.dataset.waiting = 'true'; return; }
    busy = true;
    try {
      const r = await fetch(location.href, { cache: 'no-store', credentials: 'same-origin' });
      if (r.ok) {
        const doc = new DOMParser().parseFromString(await r.text(), 'text/html');
        const fresh = doc.getElementById('board-live');
        const old = table();
        if (holding()) root.dataset.waiting = 'true'; // a form was opened while fetching: it stays
        else if (fresh && old) {
          const left = scroller(old) ? scroller(old).scrollLeft : 0;
          old.replaceWith(fresh);
          if (scroller(fresh)) scroller(fresh).scrollLeft = left;
          const actions = document.getElementById('board-actions'), freshActions = doc.getElementById('board-actions');
          if (actions && freshActions) actions.replaceWith(freshActions);
        }
      }
    } catch (e) { /* the next change tries again */ }
    busy = false;
    if (again) { again = false; refresh(); }
  }
  function resume() {
    if (root.dataset.waiting && !holding()) { delete root.dataset.waiting; refresh(); }
  }
  // "toggle" does not bubble, so listen while it passes down; a blur settles after focusout, hence the tick.
  document.addEventListener('toggle', resume, true);
  document.addEventListener('focusout', () => setTimeout(resume, 0));
  const source = new EventSource(root.dataset.live);
  source.addEventListener('ready', () => { root.dataset.listening = 'true'; });
  source.addEventListener('changed', refresh);
})();
