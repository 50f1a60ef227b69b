// The dashboard page: figures from /web/api/dashboard, charts with Chart.js, tables built with
// textContent only (titles are typed by users and may contain HTML).
'use strict';
(function () {
  const { api, el } = window.TLD;
  const $ = (id) => document.getElementById(id);

  function date(value) {
    if (!value) return '';
    const text = String(value).slice(0, 10);
    const [y, m, d] = text.split('-');
    return d && m && y ? d + '/' + m + '/' + y : text;
  }

  function vnDate(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return d.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
  }

  // A header is 'Name' or 'Name|kind': kind 'code' (may break anywhere), 'date' (never wraps), 'num'
  // (right-aligned). Each cell carries its header, shown as the row's label when rows become cards on a phone.
  function table(target, headers, rows, empty) {
    const box = $(target);
    if (!rows.length) {
      box.replaceChildren(el('p', { className: 'muted', text: empty || 'Không có.' }));
      return;
    }
    const cols = headers.map((h) => {
      const [name, kind] = h.split('|');
      return { name, kind: kind || '' };
    });
    const thead = el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { scope: 'col', className: c.kind, text: c.name }))));
    const cell = (value, c) =>
      el('td', { className: c.kind, 'data-label': c.name, text: value === null || value === undefined ? '' : String(value) });
    const tbody = el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((value, i) => cell(value, cols[i])))));
    box.replaceChildren(el('table', { className: 'rows' }, thead, tbody));
  }

  function chart(id, type, labels, datasets, options) {
    if (!labels.length) {
      $(id).parentElement.replaceWith(el('p', { className: 'muted', text: 'Chưa có số liệu.' }));
      return;
    }
    if (!window.Chart) return;
    // Counts and whole days: the value axis has integer ticks only (no "0,1 … 0,9" for two proposals).
    const valueAxis = (options && options.indexAxis) === 'y' ? 'x' : 'y';
    const scales = Object.assign({}, options && options.scales);
    scales[valueAxis] = Object.assign({ beginAtZero: true, ticks: { precision: 0 } }, scales[valueAxis]);
    // eslint-disable-next-line no-new
    new window.Chart($(id), {
      type,
      data: { labels, datasets },
      options: Object.assign(
        { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: datasets.length > 1 } } },
        options || {},
        { scales },
      ),
    });
  }

  async function load() {
    const { status, data } = await api('/web/api/dashboard');
    if (status === 401) {
      location.href = '/';
      return;
    }
    if (status !== 200) {
      $('error').hidden = false;
      $('error').textContent = data.message || 'Không tải được bảng theo dõi.';
      return;
    }
    const L = data.labels;
    const label = (s) => L.status[s] || s;
    $('scope').textContent = data.scopeText + ' · Số liệu đến ngày ' + date(data.today);
    $('content').hidden = false;

    const total = data.byStatus.reduce((n, s) => n + s.count, 0);
    const pending = data.perUnit.reduce((n, u) => n + u.pending, 0);
    const tiles = [
      ['Tổng số đề xuất', total],
      ['Đang xem xét', pending],
      ['Quá hạn xem xét', data.overdueDecisions.length],
      ['Quá hạn đánh giá', data.overdueEvaluations ? data.overdueEvaluations.length : '–'],
    ];
    $('tiles').replaceChildren(
      ...tiles.map(([name, value]) =>
        el('div', { className: 'tile' }, el('span', { className: 'value', text: String(value) }), el('span', { text: name })),
      ),
    );

    chart(
      'chart-status',
      'bar',
      data.byStatus.map((s) => label(s.status)),
      [{ label: 'Số đề xuất', data: data.byStatus.map((s) => s.count), backgroundColor: '#1f6fb2' }],
      { indexAxis: 'y' },
    );
    const units = data.perUnit.slice(0, 15);
    chart(
      'chart-units',
      'bar',
      units.map((u) => u.unitName),
      [
        { label: 'Đang xem xét', data: units.map((u) => u.pending), backgroundColor: '#e0a526' },
        { label: 'Được thông qua', data: units.map((u) => u.approved), backgroundColor: '#2e8540' },
        { label: 'Không thông qua', data: units.map((u) => u.rejected), backgroundColor: '#b22222' },
        { label: 'Quá hạn', data: units.map((u) => u.overdue), backgroundColor: '#6b2fa0' },
      ],
      { scales: { x: { stacked: false } } },
    );
    table(
      'table-units',
      ['Đơn vị', 'Tổng số|num', 'Đang xem xét|num', 'Được thông qua|num', 'Không thông qua|num', 'Trả lại|num', 'Quá hạn|num'],
      data.perUnit.map((u) => [u.unitName, u.total, u.pending, u.approved, u.rejected, u.returned, u.overdue]),
    );

    const overdueRows = (list) =>
      list.map((o) => [o.code, o.title, o.unitName, L.stage[o.stage] || o.stage, o.holderName, date(o.dueDate), o.daysOverdue]);
    const overdueHead = ['Mã|code', 'Tên đề xuất', 'Đơn vị', 'Bước', 'Người đang xử lý', 'Hạn|date', 'Số ngày quá hạn|num'];
    table('table-overdue', overdueHead, overdueRows(data.overdueDecisions), 'Không có đề xuất nào quá hạn xem xét.');
    if (data.overdueEvaluations)
      table('table-overdue-eval', overdueHead, overdueRows(data.overdueEvaluations), 'Không có đề xuất nào quá hạn đánh giá.');
    else $('table-overdue-eval').replaceChildren(el('p', { className: 'muted', text: L.notAvailable }));

    chart(
      'chart-stages',
      'bar',
      data.stageDurations.map((s) => label(s.status)),
      [{ label: 'Trung bình (ngày)', data: data.stageDurations.map((s) => s.averageDays), backgroundColor: '#1f6fb2' }],
      { indexAxis: 'y' },
    );
    table(
      'table-stages',
      ['Bước', 'Số lượt|num', 'Trung bình (ngày)|num', 'Lâu nhất (ngày)|num', 'Đang ở bước này|num'],
      data.stageDurations.map((s) => [label(s.status), s.periods, s.averageDays, s.maxDays, s.current]),
    );

    $('annual-title').textContent = 'Báo cáo năm ' + data.year;
    if (data.annualReports) {
      table(
        'table-annual',
        ['Đơn vị', 'Tình trạng', 'Ngày nộp|date'],
        data.annualReports.rows.map((r) => [r.unitName, r.submittedAt ? 'Đã nộp' : 'Chưa nộp', vnDate(r.submittedAt)]),
      );
      $('table-annual').prepend(
        el('p', { text: 'Đã nộp: ' + data.annualReports.submitted + ' · Chưa nộp: ' + data.annualReports.missing }),
      );
    } else {
      $('table-annual').replaceChildren(el('p', { className: 'muted', text: L.notAvailable }));
    }

    table(
      'table-recent',
      ['Mã|code', 'Tên đề xuất', 'Đơn vị', 'Trạng thái', 'Ngày gửi|date', 'Người đang xử lý', 'Hạn|date'],
      data.recent.map((r) => [r.code, r.title, r.unitName, label(r.status), vnDate(r.submittedAt), r.holderName, date(r.dueDate)]),
      'Chưa có đề xuất nào.',
    );
    document.body.dataset.loaded = 'true';
  }

  load();
})();
