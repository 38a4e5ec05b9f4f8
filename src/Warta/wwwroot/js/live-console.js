// The live console: Ctrl+Enter posts without leaving the keyboard, and the entry list follows
// whatever anyone on the desk changes (it asks every two seconds whether the report moved on).
(() => {
  const desk = document.querySelector('.console');
  if (!desk) return;
  const id = desk.dataset.report;
  const list = desk.querySelector('.console-entries');
  const form = desk.querySelector('form.live-post');
  let sequence = Number(desk.dataset.sequence);

  async function refresh() {
    if (list.contains(document.activeElement) && document.activeElement.tagName === 'TEXTAREA') return; // someone is editing
    const response = await fetch(`/redaksi/live/${id}?handler=Entries&since=${sequence}`);
    if (response.status === 200) {
      list.innerHTML = await response.text();
      sequence = Number(list.querySelector('[data-sequence]')?.dataset.sequence ?? sequence + 1);
    }
  }
  setInterval(() => refresh().catch(() => {}), 2000);

  if (!form) return;
  const text = form.querySelector('textarea');
  const said = form.querySelector('.post-status');
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    said.textContent = 'Mengirim…';
    const response = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { Accept: 'application/json' } });
    const result = await response.json().catch(() => ({ message: `Gagal (${response.status}).` }));
    said.textContent = result.message;
    if (response.ok) {
      form.reset();
      text.focus();
      await refresh();
    }
  });
})();
