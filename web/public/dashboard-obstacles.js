// The dashboard's obstacle reports ("báo vướng mắc"), from /web/api/dashboard/obstacles: counts by field
// and status, then the list. Each officer gets only what they may read; text only through textContent.
'use strict';
(function () {
  const { api, el } = window.TLD;
  const STATUSES = ['open', 'answered', 'resolved', 'forwarded'];

  function rowsTable(headers, rows) {
    const thead = el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h }))));
    const tbody = el(
      'tbody',
      {},
      ...rows.map((r) => el('tr', {}, ...r.map((v, i) => el('td', { 'data-label': headers[i], text: String(v ?? '') })))),
    );
    return el('table', { className: 'rows' }, thead, tbody);
  }

  async function load() {
    const box = document.getElementById('table-obstacles');
    if (!box) return;
    const { status, data } = await api('/web/api/dashboard/obstacles');
    if (status !== 200) return;
    const labels = data.labels.status;
    if (!data.total) {
      box.replaceChildren(el('p', { className: 'muted', text: 'Chưa có vướng mắc nào.' }));
      return;
    }
    const byField = rowsTable(
      ['Lĩnh vực', ...STATUSES.map((s) => labels[s])],
      data.byField.map((g) => [g.label, ...STATUSES.map((s) => g.counts[s])]),
    );
    const list = rowsTable(
      ['Mã', 'Lĩnh vực', 'Người báo', 'Đơn vị', 'Văn bản, điều khoản', 'Tình trạng'],
      data.byField.flatMap((g) => g.items.map((x) => [x.code, g.label, x.author, x.unit, x.provision || '', labels[x.status] || x.status])),
    );
    box.replaceChildren(byField, list);
  }

  load();
})();
