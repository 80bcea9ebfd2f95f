// The meeting screen: every few seconds, fetch the current code and counts, and swap the QR image.
(function () {
  const root = document.querySelector('.screen');
  if (!root) return;
  const qr = document.getElementById('qr');
  const present = document.getElementById('present');
  const expected = document.getElementById('expected');
  const closed = document.getElementById('closed');
  const before = document.getElementById('before');
  const open = document.getElementById('open');
  const tally = document.getElementById('tally');
  const names = document.getElementById('names');
  const step = Math.max(2, Number(root.dataset.step || 10));
  let token = null;
  async function tick() {
    try {
      const r = await fetch(root.dataset.status, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (r.ok) {
        const s = await r.json();
        present.textContent = s.present;
        expected.textContent = s.expected;
        // Before the window only its opening time shows; after it, who came.
        before.hidden = s.phase !== 'before';
        open.hidden = s.phase !== 'open';
        closed.hidden = s.phase !== 'after';
        tally.hidden = s.phase === 'before';
        const list = s.names.join('\n');
        if (names.dataset.list !== list) {
          names.dataset.list = list;
          names.replaceChildren(...s.names.map(n => Object.assign(document.createElement('li'), { textContent: n })));
        }
        if (s.token !== token) {
          token = s.token;
          qr.src = root.dataset.qr + '&t=' + encodeURIComponent(token);
        }
      }
    } catch (e) { /* the next tick tries again */ }
  }
  tick();
  setInterval(tick, Math.min(3000, step * 1000 / 2));
})();
