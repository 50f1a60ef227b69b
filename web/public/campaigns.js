// The dashboard's campaign panel: /web/api/campaigns, one summary row per campaign and its units behind a
// <details>; built with textContent only (unit and sender names come from the directory).
'use strict';
(function () {
  const { api, el } = window.TLD;
  const box = document.getElementById('table-campaigns');
  if (!box) return;
  const n = (x) => Number(x || 0).toLocaleString('vi-VN');
  const date = (d) =>
    String(d || '')
      .slice(0, 10)
      .split('-')
      .reverse()
      .join('/');

  function rowsTable(headers, rows) {
    const thead = el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h }))));
    const tbody = el(
      'tbody',
      {},
      ...rows.map((r) => el('tr', {}, ...r.map((v, i) => el('td', { 'data-label': headers[i], text: String(v) })))),
    );
    return el('table', { className: 'rows' }, thead, tbody);
  }

  async function load() {
    const { status, data } = await api('/web/api/campaigns');
    if (status !== 200 || !data) return;
    const L = data.labels;
    document.getElementById('campaigns-title').textContent = L.heading;
    if (!data.campaigns.length) {
      box.replaceChildren(el('p', { className: 'muted', text: L.none }));
      return;
    }
    const counts = (x, quiz) => [n(x.recipients), n(x.reached), n(x.read), quiz ? n(x.answered) : '–', quiz ? n(x.correct) : '–'];
    const summary = rowsTable(
      [L.code, L.date, L.scope, L.recipients, L.reached, L.read, L.answered, L.correct],
      data.campaigns.map((c) => [c.code, date(c.sentOn), c.scope, ...counts(c.totals, c.quiz)]),
    );
    const details = data.campaigns.map((c) =>
      el(
        'details',
        {},
        el('summary', { text: c.code + ' · ' + L.byUnit + (c.pending ? ' · ' + L.pending + ': ' + n(c.pending) : '') }),
        rowsTable(
          [L.unit, L.recipients, L.reached, L.read, L.answered, L.correct],
          c.units.map((u) => [u.unitName, ...counts(u, c.quiz)]),
        ),
      ),
    );
    box.replaceChildren(summary, ...details);
  }
  load().catch(() => undefined);
})();
