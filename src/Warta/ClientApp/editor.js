// The story editor: TipTap (ProseMirror) over the form's plain HTML textarea, so the page still works
// without script. The server sanitizes whatever arrives; this only makes writing pleasant and safe
// from loss: a page break and "Baca juga" are real nodes, autosave runs while typing, and a conflict
// stops autosave instead of overwriting someone else's work.
import { Editor } from '@tiptap/core';
import { bodyExtensions, bodyHtml } from './body.js';

const textarea = document.querySelector('textarea[data-rich-editor]');
if (textarea) start(textarea);

function start(source) {
  const form = source.form;
  const situs = source.dataset.site;
  const status = document.getElementById('autosave-status');
  const shell = element('div', { class: 'rich' });
  const toolbar = element('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Format isi berita' });
  const surface = element('div', { class: 'surface' });
  shell.append(toolbar, surface);
  source.before(shell);
  source.hidden = true;
  document.querySelector(`label[for="${source.id}"]`)?.setAttribute('id', 'body-label');

  const editor = new Editor({
    element: surface,
    injectCSS: false, // its rules live in newsroom.css: no inline <style>, so a strict CSP stays possible
    extensions: bodyExtensions,
    content: source.value,
    editorProps: { attributes: { 'aria-labelledby': 'body-label', 'aria-multiline': 'true', role: 'textbox', class: 'prose' } },
    onUpdate: () => {
      source.value = bodyHtml(editor);
      autosave.changed();
    },
  });

  const buttons = [
    ['Tebal', 'Ctrl+B', () => editor.chain().focus().toggleBold().run(), () => editor.isActive('bold')],
    ['Miring', 'Ctrl+I', () => editor.chain().focus().toggleItalic().run(), () => editor.isActive('italic')],
    ['Subjudul', 'Ctrl+Alt+2', () => editor.chain().focus().toggleHeading({ level: 2 }).run(), () => editor.isActive('heading', { level: 2 })],
    ['Kutipan', 'Ctrl+Shift+B', () => editor.chain().focus().toggleBlockquote().run(), () => editor.isActive('blockquote')],
    ['Daftar', 'Ctrl+Shift+8', () => editor.chain().focus().toggleBulletList().run(), () => editor.isActive('bulletList')],
    ['Daftar bernomor', 'Ctrl+Shift+7', () => editor.chain().focus().toggleOrderedList().run(), () => editor.isActive('orderedList')],
    ['Tautan', '', () => link(editor), () => editor.isActive('link')],
    ['Pemisah halaman', 'Ctrl+Shift+Enter', () => editor.chain().focus().insertPageBreak().run(), null],
    ['Baca juga', '', () => related.open(), null],
  ];
  for (const [label, keys, run, active] of buttons) {
    const button = element('button', { type: 'button', class: 'tool', title: keys ? `${label} (${keys})` : label }, label);
    button.addEventListener('click', run);
    if (active) editor.on('transaction', () => button.setAttribute('aria-pressed', String(active())));
    toolbar.append(button);
  }

  const related = relatedPicker(shell, situs, (item) => {
    editor.chain().focus().insertContent([{ type: 'bacaJuga', attrs: { href: item.url, headline: item.headline } }, { type: 'paragraph' }]).run();
  });
  const autosave = autosaver(form, status);
  leadPhoto(form, situs);
  window.wartaEditor = editor;
}

function link(editor) {
  const current = editor.getAttributes('link').href ?? 'https://';
  const href = window.prompt('Alamat tautan (kosongkan untuk menghapus):', current);
  if (href === null) return;
  if (href.trim() === '') editor.chain().focus().unsetLink().run();
  else editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
}

// "Baca juga": search the site's published stories as you type, insert the one chosen.
function relatedPicker(shell, situs, insert) {
  const panel = element('div', { class: 'picker', hidden: '' });
  const label = element('label', { for: 'related-search' }, 'Cari berita untuk "Baca juga"');
  const input = element('input', { id: 'related-search', type: 'search', autocomplete: 'off' });
  const list = element('ul', { class: 'choices', 'aria-live': 'polite' });
  const close = element('button', { type: 'button', class: 'small secondary' }, 'Tutup');
  panel.append(label, input, list, close);
  shell.append(panel);
  close.addEventListener('click', () => { panel.hidden = true; });
  input.addEventListener('keydown', (event) => { if (event.key === 'Escape') panel.hidden = true; if (event.key === 'Enter') event.preventDefault(); });
  input.addEventListener('input', debounce(async () => {
    const query = input.value.trim();
    if (query.length < 2) { list.replaceChildren(); return; }
    const response = await fetch(`/redaksi/berita?handler=Cari&situs=${encodeURIComponent(situs)}&q=${encodeURIComponent(query)}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const items = await response.json();
    list.replaceChildren(...(items.length ? items.map((item) => {
      const choose = element('button', { type: 'button', class: 'choice' }, item.headline);
      choose.addEventListener('click', () => { insert(item); panel.hidden = true; });
      return element('li', {}, choose);
    }) : [element('li', { class: 'empty' }, 'Tidak ada berita yang cocok.')]));
  }, 200));
  return { open: () => { panel.hidden = false; input.focus(); } };
}

// Saves the whole form a few seconds after typing stops. The server answers with the new version;
// a conflict (someone else saved first) stops autosave and says so; the text was kept as a revision.
function autosaver(form, status) {
  let dirty = false;
  let stopped = false;
  let running = null;
  const version = form.querySelector('input[name="Version"]');
  const save = async () => {
    if (!dirty || stopped || !form.dataset.autosave) return;
    if (running) { await running; return save(); }
    dirty = false;
    running = (async () => {
      show('Menyimpan…');
      try {
        const response = await fetch(form.dataset.autosave, { method: 'POST', body: new FormData(form), headers: { Accept: 'application/json' } });
        const result = await response.json().catch(() => ({}));
        if (response.ok) {
          if (version && result.version) version.value = result.version;
          show(`${result.message ?? 'Tersimpan otomatis.'} (${new Date().toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit' })})`);
        } else {
          stopped = response.status === 409;
          if (!stopped) dirty = true;
          show(result.message ?? 'Gagal menyimpan otomatis.', true);
        }
      } catch {
        dirty = true;
        show('Tidak tersambung; akan dicoba lagi.', true);
      } finally {
        running = null;
      }
    })();
    await running;
  };
  const soon = debounce(save, 3000);
  setInterval(save, 30000);
  form.addEventListener('input', (event) => { if (!event.target.closest('.picker, .photo-upload')) { dirty = true; soon(); } });
  form.addEventListener('submit', () => { dirty = false; stopped = true; });
  window.addEventListener('beforeunload', (event) => { if (dirty) event.preventDefault(); });
  function show(text, error = false) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('failed', error);
  }
  return { changed: () => { dirty = true; soon(); } };
}

// Lead photo: the select works without script; this adds search by caption or credit and upload.
function leadPhoto(form, situs) {
  const select = form.querySelector('select[name="LeadMediaId"]');
  const panel = document.getElementById('photo-panel');
  if (!select || !panel) return;
  const preview = panel.querySelector('.photo-preview');
  const search = element('input', { id: 'photo-search', type: 'search', autocomplete: 'off' });
  const results = element('ul', { class: 'photo-results', 'aria-live': 'polite' });
  const upload = element('div', { class: 'photo-upload' });
  upload.innerHTML = `
    <p class="hint">Atau unggah foto baru (JPEG, PNG, WebP):</p>
    <label for="photo-file">Berkas foto</label><input id="photo-file" type="file" accept="image/jpeg,image/png,image/webp">
    <label for="photo-caption">Keterangan foto</label><input id="photo-caption" type="text" maxlength="1000">
    <label for="photo-credit">Kredit</label><input id="photo-credit" type="text" maxlength="200">
    <label for="photo-alt">Teks alternatif</label><input id="photo-alt" type="text" maxlength="300">
    <button type="button" class="small" id="photo-send">Unggah dan pakai</button>
    <p class="upload-status" role="status"></p>`;
  panel.append(element('label', { for: 'photo-search' }, 'Cari foto (keterangan atau kredit)'), search, results, upload);

  const choose = (item) => {
    let option = [...select.options].find((o) => o.value === String(item.id));
    if (!option) {
      option = new Option(`${item.caption} (${item.credit})`, item.id);
      option.dataset.thumb = item.thumbnailUrl;
      select.add(option, 1);
    }
    select.value = String(item.id);
    select.dispatchEvent(new Event('input', { bubbles: true }));
    showPreview();
  };
  const showPreview = () => {
    const option = select.selectedOptions[0];
    preview.replaceChildren(...(option?.dataset.thumb ? [element('img', { src: option.dataset.thumb, alt: '', width: '160' })] : []));
  };
  select.addEventListener('change', showPreview);
  showPreview();

  search.addEventListener('input', debounce(async () => {
    const response = await fetch(`/redaksi/media?handler=Search&situs=${encodeURIComponent(situs)}&q=${encodeURIComponent(search.value.trim())}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const items = await response.json();
    results.replaceChildren(...items.map((item) => {
      const button = element('button', { type: 'button', class: 'photo-choice', title: item.caption });
      button.append(element('img', { src: item.thumbnailUrl, alt: '', width: '96' }), element('span', {}, `${item.caption} — ${item.credit}`));
      button.addEventListener('click', () => choose(item));
      return element('li', {}, button);
    }));
  }, 250));

  upload.querySelector('#photo-send').addEventListener('click', async () => {
    const said = upload.querySelector('.upload-status');
    const file = upload.querySelector('#photo-file').files[0];
    // Over the server's limit the connection is cut before any answer: say it here instead.
    const limit = Number(panel.dataset.maxUpload);
    if (file && limit && file.size > limit) {
      said.textContent = `Berkas terlalu besar (${(file.size / 1048576).toFixed(1)} MB); paling besar ${Math.floor(limit / 1048576)} MB.`;
      return;
    }
    const body = new FormData();
    if (file) body.append('file', file);
    body.append('Caption', upload.querySelector('#photo-caption').value);
    body.append('Credit', upload.querySelector('#photo-credit').value);
    body.append('AltText', upload.querySelector('#photo-alt').value);
    body.append('__RequestVerificationToken', form.querySelector('input[name="__RequestVerificationToken"]').value);
    said.textContent = 'Mengunggah…';
    const response = await fetch(`/redaksi/media?handler=Upload&situs=${encodeURIComponent(situs)}`, { method: 'POST', body, headers: { Accept: 'application/json' } });
    const result = await response.json().catch(() => ({ error: `Gagal (${response.status}).` }));
    if (!response.ok) { said.textContent = result.error ?? `Gagal (${response.status}).`; return; }
    said.textContent = 'Foto diunggah dan dipakai sebagai foto utama.';
    choose(result);
  });
}

/** A new element; its content is text (never parsed as HTML) or child nodes. */
function element(name, attributes = {}, content) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (content instanceof window.Node) node.append(content);
  else if (content !== undefined) node.textContent = content;
  return node;
}

function debounce(action, wait) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => action(...args), wait); };
}
