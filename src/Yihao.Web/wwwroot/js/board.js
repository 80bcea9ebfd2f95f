// The star board, live: when the server says the branch's records changed, fetch this page again and swap in its board.
(function () {
  const root = document.querySelector('[data-live]');
  if (!root || !window.EventSource) return;
  let busy = false, again = false;
  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const r = await fetch(location.href, { cache: 'no-store', credentials: 'same-origin' });
      if (r.ok) {
        const fresh = new DOMParser().parseFromString(await r.text(), 'text/html').getElementById('board-live');
        const old = document.getElementById('board-live');
        if (fresh && old) old.replaceWith(fresh);
      }
    } catch (e) { /* the next change tries again */ }
    busy = false;
    if (again) { again = false; refresh(); }
  }
  const source = new EventSource(root.dataset.live);
  source.addEventListener('changed', refresh);
})();
