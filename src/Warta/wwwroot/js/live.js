// A live report kept current without moving text under the reader: new entries wait behind an
// "N update baru" button, edits and deletions apply in place, the tab title counts what is unread.
// Server-Sent Events first (the browser resends Last-Event-ID on reconnect, the server replays);
// if the stream cannot be held open, the page polls the cacheable JSON of the same events.
(() => {
  const root = document.querySelector('[data-live]');
  if (!root) return;
  const slug = root.dataset.live;
  const feed = root.querySelector('.live-feed');
  const notice = root.querySelector('.new-updates');
  const pinned = root.querySelector('.pinned');
  const connection = root.querySelector('.live-connection');
  const filter = root.querySelector('.key-filter');
  const baseTitle = document.title;
  let sequence = Number(root.dataset.sequence);
  const waiting = [];

  filter.addEventListener('click', () => {
    const on = filter.getAttribute('aria-pressed') !== 'true';
    filter.setAttribute('aria-pressed', String(on));
    root.classList.toggle('only-key', on);
  });
  notice.addEventListener('click', showWaiting);
  document.addEventListener('visibilitychange', title);

  const fragment = (html) => document.createRange().createContextualFragment(html).firstElementChild;

  function showWaiting() {
    feed.querySelector('.empty')?.remove();
    while (waiting.length) feed.prepend(waiting.pop()); // oldest first, so the newest ends on top
    notice.hidden = true;
    title();
    feed.firstElementChild?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  function title() {
    document.title = waiting.length ? `(${waiting.length}) ${baseTitle}` : baseTitle;
  }

  function apply(kind, data) {
    if (data.seq <= sequence) return; // already shown (a replay overlapping the page)
    sequence = data.seq;
    root.dataset.sequence = String(sequence);
    const existing = data.id ? document.getElementById(`entri-${data.id}`) : null;
    if (kind === 'entry') {
      if (existing || waiting.some((e) => e.id === `entri-${data.id}`)) return;
      waiting.unshift(fragment(data.html));
      notice.textContent = `${waiting.length} update baru`;
      notice.hidden = false;
      title();
    } else if (kind === 'edit') {
      const pending = waiting.findIndex((e) => e.id === `entri-${data.id}`);
      if (pending >= 0) waiting[pending] = fragment(data.html);
      for (const node of document.querySelectorAll(`#entri-${data.id}`)) node.replaceWith(fragment(data.html));
    } else if (kind === 'delete') {
      const pending = waiting.findIndex((e) => e.id === `entri-${data.id}`);
      if (pending >= 0) waiting.splice(pending, 1);
      for (const node of document.querySelectorAll(`#entri-${data.id}`)) node.remove();
      notice.textContent = `${waiting.length} update baru`;
      notice.hidden = waiting.length === 0;
      title();
    } else if (kind === 'pin') {
      const box = pinned.querySelector('.pinned-entry');
      box.replaceChildren(...(data.html ? [fragment(data.html)] : []));
      pinned.hidden = !data.html;
    } else if (kind === 'status') {
      const live = data.status === 'live';
      root.dataset.status = data.status;
      root.querySelector('.live-badge').hidden = !live;
      root.querySelector('.ended-badge').hidden = live;
    }
  }

  const kinds = ['entry', 'edit', 'delete', 'pin', 'status'];
  let failures = 0;

  function stream() {
    const source = new EventSource(`/live/${encodeURIComponent(slug)}/events?since=${sequence}`);
    for (const kind of kinds) source.addEventListener(kind, (event) => apply(kind, JSON.parse(event.data)));
    source.addEventListener('reload', () => location.reload());
    source.onopen = () => { failures = 0; connection.textContent = ''; };
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return; // the browser retries by itself
      source.close();
      failures += 1;
      // The stream was refused outright (a proxy, an error page): try again later, with jitter, then poll.
      if (failures >= 3) { poll(); return; }
      setTimeout(stream, 1000 * 2 ** failures + Math.random() * 2000);
    };
  }

  async function poll() {
    connection.textContent = 'Memperbarui tiap beberapa detik.';
    try {
      const response = await fetch(`/live/${encodeURIComponent(slug)}/events.json?since=${sequence}`);
      if (response.ok) {
        const result = await response.json();
        if (result.reload) { location.reload(); return; }
        for (const item of result.events) apply(item.kind, item.data);
      }
    } catch { /* offline: the next round tries again */ }
    setTimeout(poll, 5000 + Math.random() * 2000);
  }

  if ('EventSource' in window) stream(); else poll();
})();
