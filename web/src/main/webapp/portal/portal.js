// authbroker Developer Portal: plain JavaScript over the admin API (same origin). The bearer token lives in
// sessionStorage only; every value from the API is inserted as text, never as HTML.
'use strict';

const MESSAGES = {
  unauthorized: 'That token was not accepted. Check the tenant secret or operator token.',
  forbidden: 'This token may not do that: only the platform operator can.',
  tenant_not_found: 'No such tenant for this token. Check the tenant ID.',
  invalid_origin: 'An origin must be exactly scheme://host[:port] (http or https), without path, query or wildcard.',
  invalid_name: 'The name must be 1 to 200 characters.',
  invalid_client_credentials: 'Check the App ID and App Secret: letters, digits and . _ - for the ID, printable characters without spaces for the secret.',
  invalid_hostname: 'That host name cannot be used: it must be a DNS name you own, not an IP address, localhost, a wildcard or the platform\u2019s own host.',
  hostname_taken: 'That host name is already claimed.',
  domain_not_verified: 'The TXT record was not found yet. DNS changes can take a while; try again.',
  conflict: 'That already exists.',
  payload_too_large: 'That is too large.',
  invalid_json: 'The request was not understood.',
  invalid_request: 'The request was not accepted.',
  not_found: 'Not found.',
  admin_api_disabled: 'The admin API is disabled on this platform (no operator token configured).',
  service_unavailable: 'The service is temporarily unavailable. Try again shortly.',
};

const state = { token: sessionStorage.getItem('authbroker.token'), tenantId: sessionStorage.getItem('authbroker.tenant'), operator: false, origins: [] };

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function say(text, isError) {
  const box = $('message');
  box.textContent = text;
  box.className = isError ? 'message error' : 'message';
  box.hidden = false;
}

class ApiError extends Error {
  constructor(status, code, description) {
    super(description || code);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + state.token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch('/api/admin' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    throw new ApiError(response.status, data && data.error ? data.error : 'http_' + response.status, data && data.error_description);
  }
  return data;
}

function explain(error) {
  if (error instanceof ApiError) {
    const human = MESSAGES[error.code] || 'The request failed.';
    return human + (error.message && error.message !== error.code ? ' (' + error.message + ')' : '') + ' [' + error.code + ']';
  }
  return 'The broker could not be reached.';
}

async function attempt(action, success) {
  try {
    const result = await action();
    if (success) say(success, false);
    return result;
  } catch (error) {
    say(explain(error), true);
    if (error instanceof ApiError && error.status === 401) signOut(false);
    return undefined;
  }
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

// ---- sign in ----

async function signIn(event) {
  event.preventDefault();
  state.token = $('token').value.trim();
  state.tenantId = $('tenant-id').value.trim() || null;
  $('token').value = '';
  try {
    const tenants = await api('GET', '/tenants?limit=1000');
    state.operator = true;
    sessionStorage.setItem('authbroker.token', state.token);
    if (state.tenantId) return openTenant(state.tenantId);
    showPicker(tenants);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      state.operator = false;
      if (!state.tenantId) { say('With a tenant secret, also enter the tenant ID.', true); return; }
      sessionStorage.setItem('authbroker.token', state.token);
      return openTenant(state.tenantId);
    }
    say(explain(error), true);
  }
}

function showPicker(tenants) {
  $('sign-in-panel').hidden = true;
  $('workspace').hidden = true;
  $('tenant-picker').hidden = false;
  const select = $('tenant-select');
  select.replaceChildren(...tenants.map(t => el('option', { value: t.id }, t.name + ' (' + t.apikey + ')')));
  if (!tenants.length) say('There are no tenants yet. Create one with POST /api/admin/tenants.', false);
  select.focus();
}

async function openTenant(id) {
  const tenant = await attempt(() => api('GET', '/tenants/' + encodeURIComponent(id)));
  if (!tenant) return;
  state.tenantId = tenant.id;
  state.origins = tenant.origins.slice();
  sessionStorage.setItem('authbroker.tenant', tenant.id);
  $('sign-in-panel').hidden = true;
  $('tenant-picker').hidden = true;
  $('workspace').hidden = false;
  $('sign-out').hidden = false;
  $('who').hidden = false;
  $('who').textContent = state.operator ? 'Operator' : 'Tenant';
  $('tenant-name').textContent = tenant.name;
  $('tenant-apikey').textContent = tenant.apikey;
  $('tenant-id-shown').textContent = tenant.id;
  renderOrigins();
  show('custom-auth');
}

function signOut(clear) {
  sessionStorage.removeItem('authbroker.token');
  sessionStorage.removeItem('authbroker.tenant');
  state.token = null;
  state.tenantId = null;
  $('workspace').hidden = true;
  $('tenant-picker').hidden = true;
  $('sign-in-panel').hidden = false;
  $('sign-out').hidden = true;
  $('who').hidden = true;
  if (clear) $('message').hidden = true;
}

// ---- sections ----

const LOADERS = { 'custom-auth': loadApp, setup: loadSetup, domains: loadDomains, origins: renderOrigins, connections: loadConnections, audit: loadAudit };

function show(section) {
  for (const button of document.querySelectorAll('.tabs button')) {
    if (button.dataset.section === section) button.setAttribute('aria-current', 'page'); else button.removeAttribute('aria-current');
  }
  for (const panel of document.querySelectorAll('.panel')) panel.hidden = panel.id !== section;
  LOADERS[section]();
}

function tenantPath(suffix) {
  return '/tenants/' + encodeURIComponent(state.tenantId) + suffix;
}

async function loadApp() {
  try {
    const app = await api('GET', tenantPath('/apps/instagram'));
    showApp(app);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') {
      $('app-status').textContent = 'Using the platform\u2019s shared Instagram app.';
      $('app-status').className = 'status';
      $('remove-app').hidden = true;
    } else {
      say(explain(error), true);
    }
  }
}

function showApp(app) {
  $('app-status').textContent = 'Custom Auth is on: App ID ' + app.clientId + ' \u2014 App Secret: set (updated ' + when(app.updatedAt) + ').';
  $('app-status').className = 'status set';
  $('client-id').value = app.clientId;
  $('remove-app').hidden = false;
}

async function saveApp(event) {
  event.preventDefault();
  const body = { clientId: $('client-id').value.trim(), clientSecret: $('client-secret').value };
  const app = await attempt(() => api('PUT', tenantPath('/apps/instagram'), body), 'Custom Auth saved. You are ready to go.');
  $('client-secret').value = '';
  if (app) showApp(app);
}

async function removeApp() {
  if (!confirm('Remove Custom Auth? Sign-ins will use the platform\u2019s shared app again.')) return;
  const done = await attempt(() => api('DELETE', tenantPath('/apps/instagram')), 'Custom Auth removed.');
  if (done !== undefined) { $('client-id').value = ''; loadApp(); }
}

function copyRow(label, value, id) {
  const input = el('input', { type: 'text', readonly: true, value, id, 'aria-label': label });
  const button = el('button', { type: 'button', onclick: () => copy(input) }, 'Copy');
  return el('div', {}, el('label', { for: id }, label), el('div', { class: 'copy-row' }, input, button));
}

async function copy(input) {
  try {
    await navigator.clipboard.writeText(input.value);
  } catch (e) {
    input.select();
    document.execCommand('copy');
  }
  say('Copied.', false);
}

async function loadSetup() {
  const setup = await attempt(() => api('GET', tenantPath('/apps/instagram/setup')));
  if (!setup) return;
  $('setup-warnings').replaceChildren(...setup.warnings.map(w => el('p', { class: 'warning', 'data-code': w.code }, w.message)));
  $('setup-hosts').replaceChildren(...setup.hosts.map((h, i) => el('div', { class: 'host' },
    el('h3', {}, h.host + ' ', el('span', { class: 'badge ' + h.status }, h.status)),
    el('p', { class: 'meta' }, h.kind === 'platform' ? 'Platform host' : 'Custom domain', ' \u00b7 uses ',
      h.app === 'custom' ? 'your Custom Auth app (' + h.clientId + ')' : h.app === 'shared' ? 'the platform\u2019s shared app' : 'no app yet'),
    copyRow('Valid OAuth Redirect URI', h.redirectUri, 'redirect-uri-' + i),
    copyRow('Deauthorize callback URL', h.deauthorizeUrl, 'deauthorize-url-' + i),
    copyRow('Data deletion request URL', h.dataDeletionUrl, 'data-deletion-url-' + i))));
}

async function loadDomains() {
  const domains = await attempt(() => api('GET', tenantPath('/domains')));
  if (!domains) return;
  if (!domains.length) { $('domain-list').replaceChildren(el('p', { class: 'meta' }, 'No custom domains yet.')); return; }
  $('domain-list').replaceChildren(...domains.map((d, i) => el('div', { class: 'host', 'data-hostname': d.hostname },
    el('h3', {}, d.hostname + ' ', el('span', { class: 'badge ' + d.status }, d.status)),
    d.status === 'verified' ? el('p', { class: 'meta' }, 'Verified ' + when(d.verifiedAt) + '. Point the host at the platform with a CNAME.')
      : el('p', {}, 'Create this DNS TXT record, then verify:'),
    copyRow('TXT record name', d.txtName, 'txt-name-' + i),
    copyRow('TXT record value', d.txtValue, 'txt-value-' + i),
    d.status === 'verified' ? null : el('button', { type: 'button', class: 'primary', onclick: () => verifyDomain(d.hostname) }, 'Verify'),
    ' ',
    el('button', { type: 'button', class: 'danger', onclick: () => removeDomain(d.hostname) }, 'Remove'))));
}

async function addDomain(event) {
  event.preventDefault();
  const hostname = $('new-domain').value.trim();
  const added = await attempt(() => api('POST', tenantPath('/domains'), { hostname }), 'Domain added: create its TXT record, then verify.');
  if (added) { $('new-domain').value = ''; loadDomains(); }
}

async function verifyDomain(hostname) {
  const verified = await attempt(() => api('POST', tenantPath('/domains/' + encodeURIComponent(hostname) + '/verify')), hostname + ' is verified.');
  if (verified) loadDomains();
}

async function removeDomain(hostname) {
  if (!confirm('Stop serving ' + hostname + '?')) return;
  const done = await attempt(() => api('DELETE', tenantPath('/domains/' + encodeURIComponent(hostname))), hostname + ' removed.');
  if (done !== undefined) loadDomains();
}

function renderOrigins() {
  $('origins-list').replaceChildren(...state.origins.map(origin => el('li', {},
    el('code', {}, origin),
    el('button', { type: 'button', 'aria-label': 'Remove ' + origin, onclick: () => { state.origins = state.origins.filter(o => o !== origin); renderOrigins(); } }, 'Remove'))));
}

function addOrigin(event) {
  event.preventDefault();
  const origin = $('new-origin').value.trim();
  if (origin && !state.origins.includes(origin)) state.origins.push(origin);
  $('new-origin').value = '';
  renderOrigins();
}

async function saveOrigins() {
  const tenant = await attempt(() => api('PATCH', tenantPath(''), { origins: state.origins }), 'Picker origins saved.');
  if (tenant) { state.origins = tenant.origins.slice(); renderOrigins(); }
}

async function loadConnections() {
  const list = await attempt(() => api('GET', tenantPath('/connections')));
  if (!list) return;
  if (!list.length) { $('connection-list').replaceChildren(el('p', { class: 'meta' }, 'Nobody is connected yet.')); return; }
  $('connection-list').replaceChildren(el('table', {},
    el('thead', {}, el('tr', {}, ['Instagram user', 'App', 'Status', 'Connected since', 'Token expires', ''].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, list.map(c => el('tr', {},
      el('td', {}, c.username ? '@' + c.username : c.providerUserId),
      el('td', {}, c.app === 'custom' ? 'Custom Auth (' + c.clientId + ')' : 'shared'),
      el('td', {}, el('span', { class: 'badge ' + c.status }, c.status)),
      el('td', {}, when(c.createdAt)),
      el('td', {}, when(c.tokenExpiresAt)),
      el('td', {}, el('button', { type: 'button', class: 'danger', onclick: () => disconnect(c) }, 'Disconnect')))))));
}

async function disconnect(connection) {
  if (!confirm('Disconnect ' + (connection.username || connection.providerUserId) + '?')) return;
  const done = await attempt(() => api('DELETE', tenantPath('/connections/' + encodeURIComponent(connection.id))), 'Disconnected.');
  if (done !== undefined) loadConnections();
}

async function loadAudit() {
  const events = await attempt(() => api('GET', tenantPath('/audit')));
  if (!events) return;
  $('audit-list').replaceChildren(el('table', {},
    el('thead', {}, el('tr', {}, ['When', 'Who', 'What', 'Detail'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, events.map(e => el('tr', {}, el('td', {}, when(e.at)), el('td', {}, e.actor), el('td', {}, e.action), el('td', {}, e.detail || ''))))));
}

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', signIn);
  $('open-tenant').addEventListener('click', () => openTenant($('tenant-select').value));
  $('sign-out').addEventListener('click', () => signOut(true));
  $('app-form').addEventListener('submit', saveApp);
  $('remove-app').addEventListener('click', removeApp);
  $('domain-form').addEventListener('submit', addDomain);
  $('origin-form').addEventListener('submit', addOrigin);
  $('save-origins').addEventListener('click', saveOrigins);
  for (const button of document.querySelectorAll('.tabs button')) button.addEventListener('click', () => show(button.dataset.section));
  if (state.token && state.tenantId) openTenant(state.tenantId);
});
