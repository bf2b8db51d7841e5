// The approvers' page: signs in with OpenID Connect (authorization code with PKCE, S256) as a public client, keeps
// the access token in this tab only (sessionStorage, no cookie), and calls the approvers' API with it.
'use strict';

(function () {
  const SIGN_IN_KEY = 'camel-office365.approvals.sign-in';
  const TOKEN_KEY = 'camel-office365.approvals.token';
  const STATE_TITLES = {
    pending: 'Pending requests',
    approved: 'Approved requests',
    denied: 'Denied requests',
    expired: 'Expired requests'
  };

  let config = null;
  let session = null;
  let currentState = 'pending';

  const $ = (id) => document.getElementById(id);

  function base64Url(bytes) {
    let text = '';
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText(length) {
    const bytes = new Uint8Array(length);
    crypto.getRandomValues(bytes);
    return base64Url(bytes);
  }

  async function challengeOf(verifier) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64Url(new Uint8Array(digest));
  }

  function claimsOf(jwt) {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(payload))
      .map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  }

  function redirectUri() {
    return window.location.origin + window.location.pathname;
  }

  function showError(text) {
    const box = $('message');
    box.textContent = text;
    box.hidden = !text;
  }

  function showStatus(text) {
    $('status').textContent = text;
  }

  async function signIn() {
    const verifier = randomText(48);
    const pending = { verifier: verifier, state: randomText(16), nonce: randomText(16) };
    sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify(pending));
    const url = new URL(config.authorizationEndpoint);
    url.search = new URLSearchParams({
      client_id: config.clientId,
      response_type: 'code',
      response_mode: 'query',
      redirect_uri: redirectUri(),
      scope: config.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await challengeOf(verifier),
      code_challenge_method: 'S256'
    }).toString();
    window.location.assign(url.toString());
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    session = null;
    showStatus('');
    render();
  }

  // the authority sent the browser back with ?code=...&state=... (or ?error=...)
  async function completeSignIn(params) {
    const pending = JSON.parse(sessionStorage.getItem(SIGN_IN_KEY) || 'null');
    sessionStorage.removeItem(SIGN_IN_KEY);
    window.history.replaceState(null, '', window.location.pathname);
    if (params.has('error')) {
      throw new Error('Sign-in failed: ' + (params.get('error_description') || params.get('error')));
    }
    if (!pending || params.get('state') !== pending.state) {
      throw new Error('Sign-in failed: the answer does not belong to a sign-in started on this page. Sign in again.');
    }
    const response = await fetch(config.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: config.clientId,
        grant_type: 'authorization_code',
        code: params.get('code'),
        redirect_uri: redirectUri(),
        code_verifier: pending.verifier,
        scope: config.scope
      })
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || !answer.access_token) {
      throw new Error('Sign-in failed: ' + (answer.error_description || answer.error || response.status));
    }
    const identity = claimsOf(answer.id_token);
    if (identity.nonce !== pending.nonce) {
      throw new Error('Sign-in failed: the ID token does not answer this sign-in. Sign in again.');
    }
    session = {
      accessToken: answer.access_token,
      expiresAt: Date.now() + (Number(answer.expires_in) || 3600) * 1000,
      username: identity.preferred_username,
      name: identity.name || identity.preferred_username
    };
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  }

  function restoreSession() {
    const stored = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
    if (stored && stored.expiresAt > Date.now() + 30000) {
      session = stored;
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  }

  async function callApi(method, path, body) {
    const response = await fetch(path, {
      method: method,
      headers: Object.assign({ Authorization: 'Bearer ' + session.accessToken },
        body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store'
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401) {
      signOut();
    }
    if (!response.ok) {
      const error = new Error(answer.message || ('The server answered ' + response.status + '.'));
      error.status = response.status;
      throw error;
    }
    return answer;
  }

  function field(list, label, value) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
    list.append(dt, dd);
  }

  function when(text) {
    return text ? new Date(text).toLocaleString(undefined, { timeZoneName: 'short' }) + ' (' + text + ')' : null;
  }

  function requestCard(request) {
    const context = request.context || {};
    const article = document.createElement('article');
    article.className = 'request';
    article.dataset.requestId = request.id;
    article.setAttribute('aria-labelledby', 'title-' + request.id);

    const title = document.createElement('h3');
    title.id = 'title-' + request.id;
    title.textContent = context.table;
    const badge = document.createElement('span');
    badge.className = 'badge ' + request.state;
    badge.textContent = request.state;
    title.append(badge);
    article.append(title);

    const list = document.createElement('dl');
    list.className = 'fields';
    field(list, 'Request id', request.id);
    field(list, 'Table', context.table);
    field(list, 'Columns', (context.columns || []).join(', '));
    field(list, 'Scope', context.scope);
    field(list, 'Allowed groups', (context.allowedGroups || []).join(', '));
    field(list, 'User scope filter', context.userScopeFilterUri);
    field(list, 'Destination', context.destination);
    field(list, 'Requesting application', context.requester);
    field(list, 'Requested by', request.requestedBy);
    field(list, 'Tenant', context.office365TenantId);
    field(list, 'Application tenant', context.servicePrincipalTenantId);
    field(list, 'Run', context.runId);
    field(list, 'Requested at', when(request.requestedAt));
    field(list, 'Expires at', when(request.expiresAt));
    field(list, 'Decided by', request.decidedBy);
    field(list, 'Decided at', when(request.decidedAt));
    field(list, 'Comment', request.comment);
    field(list, 'Approval valid until', when(request.approvalExpiresAt));
    article.append(list);

    if (request.state === 'pending') {
      article.append(decisionForm(request));
    }
    return article;
  }

  function decisionForm(request) {
    const form = document.createElement('form');
    form.className = 'decision';
    const id = 'comment-' + request.id;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = 'Comment';
    const comment = document.createElement('textarea');
    comment.id = id;
    comment.name = 'comment';
    comment.maxLength = 2000;
    const actions = document.createElement('div');
    actions.className = 'actions';
    const approve = document.createElement('button');
    approve.type = 'submit';
    approve.dataset.action = 'approve';
    approve.textContent = 'Approve';
    const deny = document.createElement('button');
    deny.type = 'submit';
    deny.dataset.action = 'deny';
    deny.textContent = 'Deny';
    actions.append(approve, deny);
    const error = document.createElement('p');
    error.className = 'error';
    error.setAttribute('role', 'alert');
    error.hidden = true;
    form.append(label, comment, actions, error);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const action = event.submitter ? event.submitter.dataset.action : 'approve';
      approve.disabled = true;
      deny.disabled = true;
      error.hidden = true;
      try {
        const decided = await callApi('POST', '/api/consent/requests/' + encodeURIComponent(request.id) + '/' + action,
          { comment: comment.value });
        showStatus('Request ' + decided.id + ' for ' + decided.context.table + ' ' + decided.state + ' by '
          + decided.decidedBy + '.');
        await loadRequests();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
        approve.disabled = false;
        deny.disabled = false;
      }
    });
    return form;
  }

  async function loadRequests() {
    showError('');
    const answer = await callApi('GET', '/api/consent/requests?state=' + encodeURIComponent(currentState));
    const list = $('request-list');
    list.replaceChildren(...answer.value.map(requestCard));
    $('empty').hidden = answer.value.length > 0;
    $('requests-heading').textContent = STATE_TITLES[currentState];
  }

  function render() {
    const signedIn = session !== null;
    $('sign-in').hidden = signedIn;
    $('sign-out').hidden = !signedIn;
    $('signed-in-as').hidden = !signedIn;
    $('signed-in-as').textContent = signedIn ? 'Signed in as ' + session.name + ' (' + session.username + ')' : '';
    $('states').hidden = !signedIn;
    $('requests').hidden = !signedIn;
    if (!signedIn) {
      $('request-list').replaceChildren();
    }
  }

  function selectState(state) {
    currentState = state;
    document.querySelectorAll('#states button[data-state]').forEach((button) => {
      button.setAttribute('aria-pressed', String(button.dataset.state === state));
    });
    showStatus('');
    loadRequests().catch((e) => showError(e.message));
  }

  async function start() {
    $('sign-in').addEventListener('click', () => signIn().catch((e) => showError(e.message)));
    $('sign-out').addEventListener('click', signOut);
    $('refresh').addEventListener('click', () => selectState(currentState));
    document.querySelectorAll('#states button[data-state]').forEach((button) => {
      button.addEventListener('click', () => selectState(button.dataset.state));
    });
    try {
      const response = await fetch('/api/consent/config', { cache: 'no-store' });
      config = await response.json();
      if (!response.ok) {
        throw new Error(config.message || 'The page cannot read its sign-in settings.');
      }
      const params = new URLSearchParams(window.location.search);
      if (params.has('code') || params.has('error')) {
        await completeSignIn(params);
      } else {
        restoreSession();
      }
      render();
      if (session) {
        await loadRequests();
      }
    } catch (e) {
      render();
      showError(e.message);
    }
  }

  document.addEventListener('DOMContentLoaded', start);
}());
