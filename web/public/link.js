// The page of a signed decision link: shows the plan as the same card as in chat, runs its actions once.
'use strict';
(function () {
  const { api, el, renderCard, withoutActions } = window.TLD;
  const token = decodeURIComponent(location.pathname.split('/').pop() || '');
  const main = document.getElementById('main');
  const status = document.getElementById('status');

  function say(text, kind) {
    status.replaceChildren(el('p', { className: 'notice ' + (kind || ''), role: kind === 'error' ? 'alert' : 'status', text }));
  }

  function refused(data) {
    main.replaceChildren(
      el(
        'div',
        { className: 'refused', role: 'alert', 'data-testid': 'link-refused' },
        el('h2', { text: 'Không mở được liên kết' }),
        el('p', { text: data.message || 'Liên kết không dùng được.' }),
      ),
    );
  }

  // While an action runs the card is greyed out and its buttons disabled, and the status bar (kept in
  // sight at the bottom of the screen) says what is being recorded; then the server's answer replaces both.
  let busy = false;
  function setBusy(on) {
    busy = on;
    main.classList.toggle('busy', on);
    for (const button of main.querySelectorAll('button')) button.disabled = on;
  }

  function show(card, readOnly) {
    const node = renderCard(readOnly ? withoutActions(card) : card, async (action) => {
      if (busy) return;
      setBusy(true);
      say(action.title ? 'Đang ghi nhận: ' + action.title + '…' : 'Đang ghi nhận…');
      const { status: code, data } = await api('/web/api/links/act', {
        body: { token, verb: action.verb || (action.data && action.data.verb) || '', data: action.data || {} },
      });
      setBusy(false);
      if (code !== 200) {
        if (code === 403 && data.error === 'csrf') return say(data.message, 'error');
        if (code === 429) return say(data.message, 'error');
        return refused(data);
      }
      if (data.card) show(data.card, data.used);
      else if (data.text) main.replaceChildren(el('div', { className: 'card text', text: data.text }));
      // The card carries the result ("Đã trả lại…"); the bar below it only says the link is now spent.
      status.replaceChildren();
      if (data.used) say(data.notice, 'done');
      main.scrollIntoView({ block: 'start' });
    });
    main.replaceChildren(node);
  }

  async function open() {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token))
      return refused({ message: 'Liên kết không hợp lệ. Anh/chị vui lòng kiểm tra lại đường dẫn trong tin nhắn.' });
    const { status: code, data } = await api('/web/api/links/open', { body: { token } });
    if (code !== 200) return refused(data);
    document.getElementById('greeting').textContent = data.greeting || '';
    if (data.card) show(data.card, false);
    else main.replaceChildren(el('div', { className: 'card text', text: data.text || '' }));
  }

  open();
})();
