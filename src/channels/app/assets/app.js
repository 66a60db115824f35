/* Lapor Kesbang: the RT heads' app. No framework: a few screens, an outbox in IndexedDB that survives closing the
   app, a flat battery and lost signal, and a sender that runs when the app opens and when the signal returns.
   Every report carries an id made here, so sending it twice (a retry after a timeout) stores it once. */

(() => {
  const $ = (id) => document.getElementById(id);
  const STATUS = {
    new: 'Diterima',
    verified: 'Diverifikasi',
    in_progress: 'Sedang ditangani',
    resolved: 'Selesai',
    rejected: 'Tidak ditindaklanjuti',
  };
  const MAX_SIDE = 1280;
  const MAX_PHOTO_BYTES = 900 * 1024;
  let profile = null;
  let photos = [];
  let location = null;
  let categoryChosen = false;
  let flushing = false;
  let pollTimer = null;

  // ---- The outbox: one IndexedDB store, items {id, createdAt, body, state, reference, error}.
  function openDb() {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open('halo-app', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('outbox', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  async function store(mode, work) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('outbox', mode);
      const req = work(tx.objectStore('outbox'));
      tx.oncomplete = () => {
        db.close();
        resolve(req.result);
      };
      tx.onerror = () => reject(tx.error);
    });
  }
  const outbox = {
    all: async () =>
      ((await store('readonly', (s) => s.getAll())) || []).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    put: (item) => store('readwrite', (s) => s.put(item)),
  };

  // ---- Talking to the service.
  async function api(method, path, body) {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    return { status: res.status, data };
  }
  const errorText = (r, fallback) => r.data?.error?.message || fallback;

  // ---- Screens.
  function show(view) {
    for (const v of ['signin', 'report', 'mine']) $(`view-${v}`).hidden = v !== view;
    $('loading').hidden = true;
    $('tabs').hidden = view === 'signin';
    for (const b of document.querySelectorAll('#tabs button')) {
      if (b.dataset.view === view) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    if (view === 'mine') void refreshMine(true);
  }
  function setMessage(el, text, error) {
    el.textContent = text;
    el.classList.toggle('error', Boolean(error));
  }
  function showNet() {
    const el = $('net');
    el.textContent = navigator.onLine ? '' : 'Tanpa sinyal — laporan disimpan di HP';
    el.classList.toggle('offline', !navigator.onLine);
  }
  function areaText(p) {
    const rtrw = [p.rt ? `RT ${p.rt.padStart(2, '0')}` : '', p.rw ? `RW ${p.rw.padStart(2, '0')}` : '']
      .filter(Boolean)
      .join('/');
    return [rtrw, `Kel. ${p.kelurahan}`, p.kecamatan ? `Kec. ${p.kecamatan}` : ''].filter(Boolean).join(', ');
  }
  function signedIn(p) {
    profile = p;
    localStorage.setItem('halo-profile', JSON.stringify(p));
    $('who').textContent = `${p.label} — ${p.name}`;
    $('area').textContent = `Wilayah Anda: ${areaText(p)}`;
    resetForm();
    show('report');
    void flush();
  }

  // ---- Sign-in by SMS code.
  $('phone-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const phone = $('phone').value.trim();
    if (!phone) return setMessage($('signin-msg'), 'Isi nomor HP Anda.', true);
    setMessage($('signin-msg'), 'Mengirim…');
    try {
      const r = await api('POST', '/api/app/otp', { phone });
      if (r.status !== 202) return setMessage($('signin-msg'), errorText(r, 'Gagal meminta kode.'), true);
      $('phone-form').hidden = true;
      $('code-form').hidden = false;
      setMessage($('signin-msg'), 'Jika nomor ini terdaftar, kode dikirim lewat SMS dalam 1–2 menit.');
      $('code').focus();
    } catch {
      setMessage($('signin-msg'), 'Tidak ada sinyal. Untuk masuk pertama kali, HP perlu tersambung.', true);
    }
  });
  $('code-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const code = $('code').value.replace(/\D/g, '');
    if (code.length !== 6) return setMessage($('signin-msg'), 'Kode terdiri dari 6 angka.', true);
    try {
      const r = await api('POST', '/api/app/session', { phone: $('phone').value.trim(), code });
      if (r.status !== 200) return setMessage($('signin-msg'), errorText(r, 'Gagal masuk.'), true);
      setMessage($('signin-msg'), '');
      signedIn(r.data.reporter);
    } catch {
      setMessage($('signin-msg'), 'Tidak ada sinyal. Coba lagi sebentar.', true);
    }
  });
  $('change-phone').addEventListener('click', () => {
    $('code-form').hidden = true;
    $('phone-form').hidden = false;
    setMessage($('signin-msg'), '');
  });
  $('signout').addEventListener('click', async () => {
    try {
      await api('DELETE', '/api/app/session');
    } catch {
      /* offline: the cookie stays, but this phone forgets who signed in */
    }
    localStorage.removeItem('halo-profile');
    localStorage.removeItem('halo-mine');
    profile = null;
    show('signin');
  });

  // ---- The report form.
  function localNow() {
    const d = new Date();
    d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
    return d.toISOString().slice(0, 16);
  }
  function resetForm() {
    $('report-form').reset();
    $('when').value = localNow();
    photos = [];
    location = null;
    categoryChosen = false;
    $('suggest').textContent = '';
    $('gps-status').textContent = '';
    $('photo-status').textContent = '';
    $('send').disabled = false;
  }

  let suggestTimer = null;
  $('text').addEventListener('input', () => {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(async () => {
      const text = $('text').value.trim();
      if (text.length < 8 || !navigator.onLine) return;
      try {
        const r = await api('POST', '/api/app/suggest', { text });
        if (r.status !== 200 || !r.data.category) return;
        $('suggest').textContent = `Saran jenis kejadian: ${r.data.label}`;
        if (!categoryChosen) $('category').value = r.data.category;
      } catch {
        /* no suggestion without signal */
      }
    }, 700);
  });
  $('category').addEventListener('change', () => {
    categoryChosen = true;
  });

  $('gps').addEventListener('click', () => {
    if (!navigator.geolocation) return setMessage($('gps-status'), 'HP ini tidak punya GPS.', true);
    setMessage($('gps-status'), 'Mencari lokasi…');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        location = { latitude: pos.coords.latitude, longitude: pos.coords.longitude, accuracy: pos.coords.accuracy };
        setMessage($('gps-status'), `Lokasi GPS ditambahkan (±${Math.round(pos.coords.accuracy)} m).`);
      },
      () => setMessage($('gps-status'), 'Lokasi tidak didapat. Wilayah Anda tetap dipakai.', true),
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 },
    );
  });

  /** A camera photo of several MB becomes a JPEG of at most 1280 px: a few hundred KB over a weak signal. */
  async function compress(file) {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    for (const quality of [0.7, 0.5, 0.35]) {
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      if (blob && blob.size <= MAX_PHOTO_BYTES) return blob;
    }
    throw new Error('too large');
  }
  function base64(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(',')[1]);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  }
  $('photos').addEventListener('change', async () => {
    const files = [...$('photos').files].slice(0, 4);
    photos = [];
    setMessage($('photo-status'), files.length ? 'Mengecilkan foto…' : '');
    let bytes = 0;
    for (const file of files) {
      try {
        const blob = await compress(file);
        bytes += blob.size;
        photos.push({ type: 'image/jpeg', data: await base64(blob) });
      } catch {
        setMessage($('photo-status'), `Foto "${file.name}" tidak bisa dibaca.`, true);
      }
    }
    if (photos.length) setMessage($('photo-status'), `${photos.length} foto siap (${Math.round(bytes / 1024)} KB).`);
    if ($('photos').files.length > 4) setMessage($('photo-status'), 'Paling banyak 4 foto: 4 yang pertama dipakai.');
  });

  $('report-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const send = $('send');
    if (send.disabled) return;
    const text = $('text').value.trim();
    if (text.length < 3) return setMessage($('report-msg'), 'Tulis dulu apa yang terjadi.', true);
    send.disabled = true;
    const when = $('when').value ? new Date($('when').value) : new Date();
    const item = {
      id: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      state: 'waiting',
      reference: null,
      error: null,
      preview: text.slice(0, 140),
      body: {
        id: '',
        text,
        category: $('category').value || null,
        urgent: $('urgent').checked,
        occurredAt: Number.isNaN(when.getTime()) ? null : when.toISOString(),
        location,
        photos,
      },
    };
    item.body.id = item.id;
    await outbox.put(item);
    resetForm();
    setMessage(
      $('report-msg'),
      navigator.onLine
        ? 'Laporan sedang dikirim…'
        : 'Tanpa sinyal: laporan disimpan di HP dan dikirim otomatis saat ada sinyal.',
    );
    await render();
    void flush();
  });

  // ---- Sending what waits in the outbox.
  const STATE_TEXT = {
    waiting: () => 'Menunggu sinyal — tersimpan di HP',
    sending: () => 'Sedang dikirim…',
    sent: () => 'Terkirim, menunggu kode laporan…',
    done: (i) => `Terkirim ${i.reference}`,
    rejected: (i) => `Tidak terkirim: ${i.error}`,
  };
  async function flush() {
    if (flushing || !profile) return;
    flushing = true;
    try {
      for (const item of await outbox.all()) {
        if (item.state !== 'waiting' && item.state !== 'sending') continue;
        if (!navigator.onLine) {
          item.state = 'waiting';
          await outbox.put(item);
          continue;
        }
        item.state = 'sending';
        await outbox.put(item);
        await render();
        let r;
        try {
          r = await api('POST', '/api/app/reports', item.body);
        } catch {
          // Cut off mid-upload: it stays on the phone and goes again (the server keeps one copy).
          item.state = 'waiting';
          await outbox.put(item);
          continue;
        }
        if (r.status === 200 || r.status === 202) {
          item.state = r.data.reference ? 'done' : 'sent';
          item.reference = r.data.reference;
          item.body.photos = [];
        } else if (r.status === 401) {
          item.state = 'waiting';
          await outbox.put(item);
          show('signin');
          break;
        } else if (r.status >= 500 || r.status === 429 || r.status === 408) {
          item.state = 'waiting';
        } else {
          item.state = 'rejected';
          item.error = errorText(r, `kode ${r.status}`);
        }
        await outbox.put(item);
      }
      await refreshMine(false);
    } finally {
      flushing = false;
      await render();
      schedulePoll();
    }
  }
  async function schedulePoll() {
    clearTimeout(pollTimer);
    const items = await outbox.all();
    if (items.some((i) => i.state === 'sent' || (i.state === 'waiting' && navigator.onLine)))
      pollTimer = setTimeout(() => void flush(), 3000);
  }

  // ---- "Laporan saya": the server's list, kept for reading without signal.
  let mine = JSON.parse(localStorage.getItem('halo-mine') || '[]');
  async function refreshMine(opened) {
    if (navigator.onLine && profile) {
      try {
        const r = await api('GET', '/api/app/reports');
        if (r.status === 200) {
          mine = r.data.items;
          localStorage.setItem('halo-mine', JSON.stringify(mine));
        } else if (r.status === 401) {
          show('signin');
          return;
        }
      } catch {
        /* keep what we had */
      }
    }
    for (const item of await outbox.all()) {
      if (item.state !== 'sent') continue;
      const found = mine.find((m) => m.clientIds.includes(item.id));
      if (found) {
        item.state = 'done';
        item.reference = found.reference;
        await outbox.put(item);
      }
    }
    const unseen = mine.flatMap((m) => m.replies.filter((r) => !r.seen).map((r) => r.id));
    $('badge').hidden = unseen.length === 0;
    $('badge').textContent = String(unseen.length);
    await render();
    if (opened && unseen.length && !$('view-mine').hidden && navigator.onLine) {
      try {
        const r = await api('POST', '/api/app/replies/seen', { ids: unseen });
        if (r.status === 200) {
          for (const m of mine) for (const reply of m.replies) reply.seen = true;
          localStorage.setItem('halo-mine', JSON.stringify(mine));
          $('badge').hidden = true;
        }
      } catch {
        /* marked next time */
      }
    }
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  const when = (iso) => new Date(iso).toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' });

  async function render() {
    const items = (await outbox.all()).reverse().slice(0, 10);
    const list = $('outbox');
    list.replaceChildren(
      ...items.map((i) => {
        const li = el(
          'li',
          i.state === 'done' || i.state === 'sent' ? 'done' : i.state === 'rejected' ? 'rejected' : 'waiting',
        );
        li.dataset.id = i.id;
        li.append(
          el('p', 'state', STATE_TEXT[i.state](i)),
          el('p', 'text', i.preview),
          el('p', 'hint', when(i.createdAt)),
        );
        return li;
      }),
    );
    $('h-outbox').hidden = items.length === 0;
    const pending = items.filter((i) => i.state !== 'done' && i.state !== 'sent' && i.state !== 'rejected');
    $('mine').replaceChildren(
      ...pending.map((i) => {
        const li = el('li', 'waiting');
        li.append(el('p', 'state', STATE_TEXT[i.state](i)), el('p', 'text', i.preview));
        return li;
      }),
      ...mine.map((m) => {
        const li = el('li', m.status === 'rejected' ? 'rejected' : 'done');
        const head = el('p', 'state');
        head.append(el('span', 'ref', m.reference), document.createTextNode(` · ${STATUS[m.status] || m.status}`));
        li.append(head, el('p', 'text', m.text || m.title), el('p', 'hint', when(m.receivedAt)));
        for (const r of m.replies) {
          const box = el('div', r.seen ? 'reply' : 'reply new');
          box.append(
            el('strong', '', 'Balasan Kesbangpol: '),
            document.createTextNode(r.body),
            el('p', 'hint', when(r.at)),
          );
          li.append(box);
        }
        return li;
      }),
    );
    if (!mine.length && !pending.length) $('mine').replaceChildren(el('li', '', 'Belum ada laporan.'));
  }

  // ---- Start.
  for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => show(b.dataset.view));
  window.addEventListener('online', () => {
    showNet();
    void flush();
  });
  window.addEventListener('offline', showNet);
  showNet();
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => {});

  (async () => {
    const saved = localStorage.getItem('halo-profile');
    try {
      const r = await api('GET', '/api/app/me');
      if (r.status === 200) return signedIn(r.data.reporter);
      localStorage.removeItem('halo-profile');
      show('signin');
    } catch {
      // No signal: whoever signed in on this phone can still write reports; they go when the signal returns.
      if (saved) signedIn(JSON.parse(saved));
      else show('signin');
    }
  })();
})();
