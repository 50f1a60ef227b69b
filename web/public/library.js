// The library page: search with filters through /web/api/library; entries built with textContent only
// (titles and summaries are typed by users). "Áp dụng tại đơn vị tôi" runs the chat's verb and opens the chat.
'use strict';
(function () {
  const { api, el } = window.TLD;
  const $ = (id) => document.getElementById(id);
  let filled = false;

  function fillSelect(id, options) {
    const select = $(id);
    for (const o of options) select.appendChild(el('option', { value: String(o.value), text: o.label || String(o.value) }));
  }

  function entry(e, verb) {
    const meta = [e.unit, e.field, 'năm ' + e.year].concat(e.proposer ? ['người đề xuất: ' + e.proposer] : []).join(' · ');
    const apply = el('button', { type: 'button', className: 'button', text: 'Áp dụng tại đơn vị tôi' });
    apply.addEventListener('click', async () => {
      apply.disabled = true;
      const { status, data } = await api('/web/api/invoke', { body: { verb, data: { entryId: e.id } } });
      if (status === 200) location.href = '/';
      else {
        apply.disabled = false;
        $('error').hidden = false;
        $('error').textContent = data.message || 'Không tạo được bản nháp.';
      }
    });
    return el(
      'article',
      { className: 'library-entry' },
      el('h2', { text: e.code + ' · ' + e.title }),
      el('p', { className: 'muted', text: meta }),
      el('p', { text: 'Kết quả: ' + e.status }),
      el('p', { text: e.summary }),
      e.evaluation ? el('p', { text: 'Đánh giá: ' + e.evaluation }) : null,
      apply,
    );
  }

  async function load() {
    const params = new URLSearchParams();
    for (const id of ['q', 'field', 'unit', 'year', 'outcome']) {
      const v = $(id).value.trim();
      if (v) params.set(id, v);
    }
    const { status, data } = await api('/web/api/library?' + params.toString());
    if (status === 401) {
      location.href = '/';
      return;
    }
    if (status !== 200) {
      $('error').hidden = false;
      $('error').textContent = data.message || 'Không tải được thư viện sáng kiến.';
      return;
    }
    $('error').hidden = true;
    if (!filled) {
      fillSelect('field', data.filters.fields);
      fillSelect('unit', data.filters.units);
      fillSelect(
        'year',
        data.filters.years.map((y) => ({ value: y, label: String(y) })),
      );
      fillSelect('outcome', data.filters.outcomes);
      filled = true;
    }
    $('count').textContent = data.entries.length ? 'Tìm thấy ' + data.entries.length + ' sáng kiến.' : 'Không có sáng kiến nào phù hợp.';
    $('results').replaceChildren(...data.entries.map((e) => entry(e, data.applyVerb)));
  }

  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  load();
})();
