// The meeting screen: every few seconds, fetch the current code and counts, and swap the QR image.
(function () {
  const root = document.querySelector('.screen');
  if (!root) return;
  const qr = document.getElementById('qr');
  const present = document.getElementById('present');
  const expected = document.getElementById('expected');
  const closed = document.getElementById('closed');
  const step = Math.max(2, Number(root.dataset.step || 10));
  let token = null;
  async function tick() {
    try {
      const r = await fetch(root.dataset.status, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (r.ok) {
        const s = await r.json();
        present.textContent = s.present;
        expected.textContent = s.expected;
        closed.hidden = s.open;
        qr.hidden = !s.open;
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
