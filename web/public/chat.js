// The web chat: sign-in (demo officer list or Microsoft Entra ID), then messages to the bot and its
// replies streamed over Server-Sent Events; Adaptive Cards rendered in the page, their Action.Execute
// answered by replacing the card, Action.Submit sent as a message.
'use strict';
(function () {
  const { api, el, safeHref, renderCard } = window.TLD;
  const $ = (id) => document.getElementById(id);
  const log = $('log');
  let session = null;
  let events = null;
  let typingTimer = null;

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function bubble(who, child) {
    const node = el('div', { className: 'msg ' + who }, child);
    log.appendChild(node);
    scrollDown();
    return node;
  }

  function showError(text) {
    bubble('system', el('p', { text }));
  }

  function showSuggested(actions) {
    const box = $('suggested');
    box.replaceChildren();
    for (const a of actions || []) {
      if (!a || typeof a.value !== 'string') continue;
      box.appendChild(el('button', { type: 'button', className: 'chip', text: a.title || a.value, onClick: () => send(a.value) }));
    }
  }

  async function onCardAction(holder, action) {
    if (action.kind === 'submit') {
      const data = action.data || {};
      await post({ text: '', value: data }, action.title || '');
      return;
    }
    // At once: the card greyed out, its buttons disabled, and a line saying what is being recorded.
    if (holder.classList.contains('busy')) return;
    const pending = el('p', {
      className: 'action-status muted',
      role: 'status',
      text: action.title ? 'Đang ghi nhận: ' + action.title + '…' : 'Đang ghi nhận…',
    });
    holder.classList.add('busy');
    for (const button of holder.querySelectorAll('button')) button.disabled = true;
    holder.appendChild(pending);
    const { status, data } = await api('/web/api/invoke', { body: { verb: action.verb, data: action.data } });
    holder.classList.remove('busy');
    for (const button of holder.querySelectorAll('button')) button.disabled = false;
    pending.remove();
    if (status === 401) return signedOut();
    if (status !== 200) return showError(data.message || 'Không thực hiện được thao tác.');
    if (data.card) holder.replaceChildren(cardNode(data.card, holder));
    else if (data.text) {
      await streamReached(data.seq);
      bubble('bot', el('p', { className: 'text', text: data.text }));
    }
  }

  // The answer of a click comes over HTTP, the messages of the same turn over the stream: the answer
  // waits (at most 3 s) for the stream events produced before it, so messages keep their order.
  let seenSeq = 0;
  function streamReached(seq) {
    if (!seq || seenSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => {
      const started = Date.now();
      const check = () => (seenSeq >= seq || Date.now() - started > 3000 ? resolve() : setTimeout(check, 50));
      check();
    });
  }
  function noteSeq(e) {
    const seq = Number(e.lastEventId);
    if (seq > seenSeq) seenSeq = seq;
  }

  function cardNode(json, holder) {
    return renderCard(json, (action) => onCardAction(holder, action));
  }

  function showActivity(activity, existing) {
    if (activity.type === 'typing') {
      $('typing').hidden = false;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => ($('typing').hidden = true), 4000);
      return;
    }
    $('typing').hidden = true;
    const parts = el('div', { className: 'parts' });
    if (activity.text) parts.appendChild(el('p', { className: 'text', text: activity.text }));
    const node = existing || bubble('bot', parts);
    if (existing) existing.replaceChildren(parts);
    node.dataset.id = activity.id || '';
    for (const att of activity.attachments || []) {
      if (att.contentType === 'application/vnd.microsoft.card.adaptive' && att.content) {
        const holder = el('div', { className: 'card-holder' });
        holder.appendChild(cardNode(att.content, holder));
        parts.appendChild(holder);
      } else if (att.contentUrl) {
        parts.appendChild(
          el(
            'p',
            { className: 'file' },
            el('a', { href: safeHref(att.contentUrl), target: '_blank', rel: 'noopener', text: att.name || 'Tải tệp' }),
          ),
        );
      }
    }
    showSuggested(activity.suggestedActions && activity.suggestedActions.actions);
    scrollDown();
  }

  function showUpdate(activity) {
    const node = log.querySelector('[data-id="' + CSS.escape(activity.id || '') + '"]');
    showActivity(activity, node || undefined);
  }

  // The chat as it was before a reload; returns the last event shown, where the stream goes on from.
  async function showHistory() {
    const { status, data } = await api('/web/api/history');
    let last = 0;
    if (status !== 200 || !data || !Array.isArray(data.events)) return last;
    for (const e of data.events) {
      last = e.seq;
      if (e.kind === 'user') bubble('me', el('p', { className: 'text', text: (e.activity && e.activity.text) || '' }));
      else if (e.kind === 'update') showUpdate(e.activity);
      else if (e.activity && e.activity.type !== 'typing') showActivity(e.activity);
    }
    return last;
  }

  function connect(after) {
    if (events) events.close();
    // Always name the position, 0 for an empty chat: a stream without one starts at the newest event,
    // and the greeting that /start produces can land before the server has read where that is.
    events = new EventSource('/web/api/events?after=' + (Number(after) || 0));
    let started = false;
    events.addEventListener('open', async () => {
      if (started) return;
      started = true;
      document.body.dataset.connected = 'true';
      if (!log.children.length) await api('/web/api/start', { body: {} });
    });
    events.addEventListener('activity', (e) => {
      noteSeq(e);
      try {
        showActivity(JSON.parse(e.data));
      } catch (err) {
        /* a malformed event is skipped */
      }
    });
    events.addEventListener('update', (e) => {
      noteSeq(e);
      try {
        showUpdate(JSON.parse(e.data));
      } catch (err) {
        /* skipped */
      }
    });
  }

  async function post(body, echo) {
    if (echo) bubble('me', el('p', { className: 'text', text: echo }));
    showSuggested([]);
    const { status, data } = await api('/web/api/messages', { body });
    if (status === 401) return signedOut();
    if (status !== 200) showError(data.message || 'Không gửi được tin nhắn. Anh/chị vui lòng thử lại.');
  }

  async function send(text) {
    const value = String(text || '').trim();
    if (!value) return;
    await post({ text: value }, value);
  }

  function signedOut() {
    if (events) events.close();
    location.reload();
  }

  async function loadOfficers() {
    const { status, data } = await api('/web/api/demo/officers');
    if (status !== 200) return;
    const list = $('officers');
    const render = (filter) => {
      const f = (filter || '')
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd');
      list.replaceChildren();
      let unit = null;
      for (const o of data.officers) {
        const hay = (o.name + ' ' + o.position + ' ' + o.unit)
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/g, 'd');
        if (f && !hay.includes(f)) continue;
        if (o.unit !== unit) {
          unit = o.unit;
          list.appendChild(el('h3', { text: o.unit }));
        }
        list.appendChild(
          el(
            'button',
            { type: 'button', className: 'officer', 'data-officer': o.id, onClick: () => login(o.id) },
            el('strong', { text: o.name }),
            el('span', { text: o.position }),
          ),
        );
      }
    };
    $('officer-filter').addEventListener('input', (e) => render(e.target.value));
    render('');
  }

  async function login(officerId) {
    const { status, data } = await api('/web/api/login/demo', { body: { officerId } });
    if (status !== 200) {
      $('login-error').hidden = false;
      $('login-error').textContent = data.message || 'Không đăng nhập được.';
      return;
    }
    await start();
  }

  async function showLinksPanel() {
    const panel = $('links-panel');
    if (!panel.hidden) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    panel.replaceChildren(el('p', { className: 'muted', text: 'Đang tải…' }));
    const { data } = await api('/web/api/demo/tasks');
    const tasks = data.tasks || [];
    panel.replaceChildren(
      el('p', {
        text: 'Khi không nhắn được qua Teams hay Zalo (ví dụ cửa sổ trả lời Zalo đã đóng), Trợ lý gửi cho người xem xét một liên kết dùng một lần. Chọn một việc đang chờ anh/chị để mở liên kết như người nhận:',
      }),
    );
    if (!tasks.length) panel.appendChild(el('p', { className: 'muted', text: 'Hiện không có việc nào chờ anh/chị.' }));
    for (const task of tasks) {
      panel.appendChild(
        el('button', {
          type: 'button',
          className: 'chip',
          text: (task.code || '') + ' – ' + (task.title || ''),
          onClick: async () => {
            const res = await api('/web/api/demo/link', { body: { proposalId: task.proposalId } });
            if (res.status === 200 && res.data.url) window.open(res.data.url, '_blank', 'noopener');
            else showError(res.data.message || 'Không tạo được liên kết.');
          },
        }),
      );
    }
  }

  async function start() {
    const { status, data } = await api('/web/api/session');
    session = data;
    if (status !== 200) {
      $('login').hidden = false;
      $('login-error').hidden = false;
      $('login-error').textContent = data.message || 'Máy chủ đang bận. Anh/chị vui lòng tải lại trang sau ít phút.';
      return;
    }
    if (!session.signedIn && session.guest) return startGuest();
    if (!session.signedIn) {
      $('login').hidden = false;
      $('chat').hidden = true;
      $('nav').hidden = true;
      $('who').textContent = '';
      if (session.entra) $('login-entra').hidden = false;
      if (session.demo) {
        $('login-demo').hidden = false;
        await loadOfficers();
      }
      return;
    }
    $('login').hidden = true;
    $('chat').hidden = false;
    $('nav').hidden = false;
    $('who').textContent = session.officer.name + ' · ' + session.officer.position;
    $('nav-dashboard').hidden = !session.dashboard;
    $('nav-links').hidden = !session.demo;
    connect(await showHistory());
    $('input').focus();
  }

  // Signed in with Microsoft but not in the directory: policy questions only, answers as text.
  function startGuest() {
    $('login').hidden = true;
    $('chat').hidden = true;
    $('guest').hidden = false;
    $('guest-notice').textContent = session.guestNotice || '';
    $('nav').hidden = false;
    $('nav-dashboard').hidden = true;
    $('nav-links').hidden = true;
    $('guest-input').focus();
  }

  $('guest-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('guest-input');
    const text = input.value.trim();
    if (!text) return;
    const button = $('guest-send');
    button.disabled = true;
    const entry = el(
      'div',
      { className: 'msg bot' },
      el('p', { className: 'text greeting', text }),
      el('p', { className: 'text muted', text: 'Đang tìm câu trả lời…' }),
    );
    $('guest-log').prepend(entry);
    const { status, data } = await api('/web/api/guest/ask', { body: { text } });
    button.disabled = false;
    if (status === 401) return signedOut();
    const parts =
      status === 200 ? [data.text, data.footer].filter(Boolean) : [data.message || 'Không gửi được câu hỏi. Anh/chị vui lòng thử lại.'];
    entry.replaceChildren(
      el('p', { className: 'text greeting', text }),
      ...parts.map((part) => el('p', { className: 'text', text: part })),
    );
    if (status === 200) input.value = '';
  });

  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('input');
    const text = input.value;
    input.value = '';
    send(text);
  });
  // A plan as a file: the raw bytes to /web/api/upload; the bot's answer arrives on the stream.
  $('file').addEventListener('change', async () => {
    const input = $('file');
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    bubble('me', el('p', { className: 'text', text: 'Tệp: ' + file.name }));
    let res;
    try {
      res = await fetch('/web/api/upload?name=' + encodeURIComponent(file.name), {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'content-type': file.type || 'application/octet-stream',
          'x-csrf-token': window.TLD.csrfToken(),
          accept: 'application/json',
        },
        body: file,
      });
    } catch (err) {
      return showError('Không gửi được tệp. Anh/chị vui lòng kiểm tra mạng rồi thử lại.');
    }
    if (res.status === 401) return signedOut();
    if (res.status !== 200) {
      const data = await res.json().catch(() => ({}));
      showError(data.message || 'Không gửi được tệp. Anh/chị vui lòng thử lại.');
    }
  });
  $('input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('nav-logout').addEventListener('click', async () => {
    await api('/web/api/logout', { body: {} });
    signedOut();
  });
  $('nav-links').addEventListener('click', showLinksPanel);

  start();
})();
