// Shared by the pages: CSRF-aware fetch, safe DOM building (text only, never user HTML), and the
// Adaptive Cards renderer set up so that card text is escaped (no markdown HTML from user text).
'use strict';
(function () {
  function csrfToken() {
    const m = document.cookie.match(/(?:^|;\s*)tld_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  async function api(path, options) {
    const opts = options || {};
    const method = opts.method || (opts.body !== undefined ? 'POST' : 'GET');
    const headers = { accept: 'application/json' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      headers['x-csrf-token'] = csrfToken();
    }
    let res;
    try {
      res = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: method === 'GET' ? undefined : JSON.stringify(opts.body || {}),
      });
    } catch (err) {
      return { status: 0, data: { message: 'Không kết nối được máy chủ. Anh/chị vui lòng kiểm tra mạng rồi thử lại.' } };
    }
    let data = {};
    try {
      data = await res.json();
    } catch (err) {
      data = {};
    }
    return { status: res.status, data };
  }

  /** el('div', {className: 'x', text: 'y'}, child, ...): text always goes through textContent. */
  function el(tag, attrs) {
    const node = document.createElement(tag);
    const a = attrs || {};
    for (const key of Object.keys(a)) {
      const value = a[key];
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'className') node.className = value;
      else if (key === 'onClick') node.addEventListener('click', value);
      else if (key === 'href') node.setAttribute('href', safeHref(value));
      else node.setAttribute(key, String(value));
    }
    for (let i = 2; i < arguments.length; i++) {
      const child = arguments[i];
      if (child === undefined || child === null || child === false) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** Only our own paths and http(s) URLs; anything else (javascript:, data:) becomes '#'. */
  function safeHref(value) {
    const text = String(value || '');
    if (text.startsWith('/') && !text.startsWith('//')) return text;
    try {
      const url = new URL(text);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '#';
    } catch (err) {
      return '#';
    }
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  // Card text from the bot escapes markdown characters ("150\.000"); shown literally, with line breaks.
  // Everything is HTML-escaped: a plan containing <script> is shown as text.
  if (window.AdaptiveCards) {
    window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
      const plain = String(text).replace(/\\([\\`*_{}[\]()#+\-.!>|~<])/g, '$1');
      result.outputHtml = '<p>' + escapeHtml(plain).replace(/\r?\n/g, '<br>') + '</p>';
      result.didProcess = true;
    };
  }

  // adaptivecards 3.0.6 reads an empty Input.Number as NaN and, with `min` set, calls it invalid: every
  // action of the card is then blocked. Empty means "no value", as on Teams.
  if (window.AdaptiveCards && window.AdaptiveCards.NumberInput) {
    const proto = window.AdaptiveCards.NumberInput.prototype;
    const isValid = proto.isValid;
    proto.isValid = function () {
      const value = this.value;
      if (value === undefined || Number.isNaN(value)) return !this.isRequired;
      return isValid.call(this);
    };
  }

  const hostConfig = window.AdaptiveCards
    ? new window.AdaptiveCards.HostConfig({
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
        supportsInteractivity: true,
        // Phone screens: one button a line.
        actions: {
          actionsOrientation: window.matchMedia && window.matchMedia('(max-width: 600px)').matches ? 'vertical' : 'horizontal',
          actionAlignment: 'stretch',
          buttonSpacing: 8,
          maxActions: 8,
          showCard: { actionMode: 'inline' },
        },
      })
    : null;

  /**
   * Renders an Adaptive Card. onAction({kind: 'execute'|'submit', verb, data, title}) for Action.Execute
   * and Action.Submit; Action.OpenUrl opens our own or http(s) links in a new tab.
   */
  function renderCard(json, onAction) {
    const AC = window.AdaptiveCards;
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = function (action) {
      if (AC.ExecuteAction && action instanceof AC.ExecuteAction) {
        onAction({ kind: 'execute', verb: action.verb, data: action.data || {}, title: action.title });
      } else if (action instanceof AC.SubmitAction) {
        onAction({ kind: 'submit', data: action.data || {}, title: action.title });
      } else if (action instanceof AC.OpenUrlAction) {
        const href = safeHref(action.url);
        if (href !== '#') window.open(href, '_blank', 'noopener');
      }
    };
    try {
      card.parse(json);
      const node = card.render();
      const wrap = el('div', { className: 'card' });
      if (node) wrap.appendChild(node);
      return wrap;
    } catch (err) {
      return el('div', { className: 'card error', text: 'Không hiển thị được thẻ này.' });
    }
  }

  /** The same card without its actions (a used link shows the result read-only). */
  function withoutActions(json) {
    const copy = JSON.parse(JSON.stringify(json || {}));
    delete copy.actions;
    if (Array.isArray(copy.body))
      copy.body = copy.body.filter(
        (b) =>
          b &&
          b.type !== 'ActionSet' &&
          !(b.id && /^(comment|participants|inFavour|against|headVote|minutes|reasons)$/.test(b.id)) &&
          !String(b.type || '').startsWith('Input.'),
      );
    return copy;
  }

  window.TLD = { api, el, safeHref, renderCard, withoutActions, csrfToken };
})();
