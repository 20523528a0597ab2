// authbroker Developer Portal: plain JavaScript over the admin API on this same origin.
// The bearer token lives in sessionStorage only (this tab, until it closes or the user signs out). Every value that
// comes from the API is inserted as text, never as HTML, and the page runs under `script-src 'self'`: no inline
// scripts or handlers.
'use strict';

const MESSAGES = {
  unauthorized: 'That token was not accepted. Check the tenant secret or operator token, and sign in again.',
  forbidden: 'This token may not do that: only the platform operator can.',
  tenant_not_found: 'There is no such tenant for this token. Check the tenant ID.',
  tenant_disabled: 'This tenant is disabled. Ask the platform operator to enable it.',
  invalid_origin: 'An origin must be exactly scheme://host[:port] (http or https), without path, query or wildcard.',
  invalid_name: 'The name must be 1 to 200 characters.',
  invalid_client_credentials: 'Check the App ID and App Secret: copy both exactly from Meta\u2019s App Dashboard (Instagram \u2192 API setup with Instagram login).',
  invalid_hostname: 'That host name cannot be used: it must be a DNS name you own, such as files.example.com \u2014 not an IP address, localhost, a wildcard or the platform\u2019s own host.',
  hostname_taken: 'That host name is already claimed.',
  too_many_pending_domains: 'This tenant has 20 domains waiting for verification: verify or remove one first. A claim not verified within 7 days lapses by itself.',
  rate_limited: 'Too many attempts in a short time. Wait a little and try again.',
  domain_not_verified: 'The TXT record was not found with the expected value yet. DNS changes can take a while; check the record and try again.',
  conflict: 'That already exists.',
  not_found: 'Not found: it may have been removed meanwhile. The list was reloaded.',
  payload_too_large: 'That is too large for the broker to accept.',
  unsupported_media_type: 'The broker did not accept the request format.',
  invalid_json: 'The broker could not read the request.',
  invalid_request: 'The request was not accepted.',
  admin_api_disabled: 'The admin API is switched off on this platform (no operator token is configured).',
  service_unavailable: 'The broker is temporarily unavailable. Try again shortly.',
  internal_error: 'The broker failed unexpectedly. Try again; if it persists, tell the platform operator.',
};

// Codes for answers that carry no JSON error body (e.g. a proxy's or the container's own error page).
const STATUS_CODES = { 400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict',
  413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited', 500: 'internal_error', 502: 'service_unavailable',
  503: 'service_unavailable', 504: 'service_unavailable' };

const STORE = { token: 'authbroker.portal.token', tenant: 'authbroker.portal.tenant', operator: 'authbroker.portal.operator' };

const state = {
  token: sessionStorage.getItem(STORE.token),
  tenantId: sessionStorage.getItem(STORE.tenant),
  operator: sessionStorage.getItem(STORE.operator) === 'true',
  section: 'custom-auth',
  origins: [],
  originsDirty: false,
};

function $(id) { return document.getElementById(id); }

/** Builds an element; attributes named on* become event listeners, children become text unless they are nodes. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

function say(text, isError) {
  const box = $('message');
  box.textContent = text;
  box.className = isError ? 'message error' : 'message';
  box.hidden = false;
}

function quiet() {
  $('message').hidden = true;
  $('message').textContent = '';
}

class ApiError extends Error {
  constructor(status, code, description) {
    super(description || '');
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + state.token, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch('/api/admin' + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', '');
  }
  if (response.status === 204) return null;
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    const code = data && typeof data.error === 'string' ? data.error : STATUS_CODES[response.status] || 'http_' + response.status;
    throw new ApiError(response.status, code, data && typeof data.error_description === 'string' ? data.error_description : '');
  }
  return data;
}

function explain(error) {
  if (!(error instanceof ApiError)) return 'Something went wrong in this page: ' + error.message;
  if (error.code === 'network_error') return 'The broker could not be reached. Check your connection and try again.';
  const human = MESSAGES[error.code] || 'The request failed (HTTP ' + error.status + ').';
  const detail = error.message && error.message !== human ? ' Details: ' + error.message + '.' : '';
  return human + detail + ' [' + error.code + ']';
}

/**
 * Runs one API action with its button disabled, reports the outcome in the live region, and answers the result
 * (null for 204) or undefined when it failed. A 401 means the token stopped working: back to the sign-in form.
 */
async function attempt(button, action, success) {
  if (button) { button.disabled = true; button.setAttribute('aria-busy', 'true'); }
  try {
    const result = await action();
    if (success) say(typeof success === 'function' ? success(result) : success, false);
    return result;
  } catch (error) {
    say(explain(error), true);
    if (error instanceof ApiError && error.status === 401) signOut(false);
    return undefined;
  } finally {
    if (button) { button.disabled = false; button.removeAttribute('aria-busy'); }
  }
}

function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return isNaN(date) ? iso : date.toLocaleString();
}

function timeEl(iso) {
  return iso ? el('time', { datetime: iso }, when(iso)) : '';
}

function tenantPath(suffix) {
  return '/tenants/' + encodeURIComponent(state.tenantId) + suffix;
}

// ---- sign in ----

async function signIn(event) {
  event.preventDefault();
  const token = $('token').value.trim();
  const tenantId = $('tenant-id').value.trim();
  if (!token) {
    say('Enter your tenant secret or the operator token.', true);
    $('token').focus();
    return;
  }
  state.token = token;
  const button = $('sign-in');
  button.disabled = true;
  try {
    // Only the operator may list tenants: a tenant secret answers 403, which tells the two apart.
    const tenants = await api('GET', '/tenants?limit=1000');
    state.operator = true;
    if (tenantId) {
      if (await openTenant(tenantId)) signedIn();
      else state.token = null;
    } else {
      signedIn();
      showPicker(tenants);
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      state.operator = false;
      if (!tenantId) {
        state.token = null;
        say('With a tenant secret, also enter the tenant ID (it was shown with the secret when the tenant was created).', true);
        $('tenant-id').focus();
      } else if (await openTenant(tenantId)) {
        signedIn();
      } else {
        state.token = null;
      }
    } else {
      state.token = null;
      say(explain(error), true);
      $('token').focus();
    }
  } finally {
    button.disabled = false;
  }
}

function signedIn() {
  $('token').value = '';
  sessionStorage.setItem(STORE.token, state.token);
  sessionStorage.setItem(STORE.operator, String(state.operator));
  $('sign-out').hidden = false;
  $('switch-tenant').hidden = !state.operator;
  $('who').hidden = false;
  $('who').textContent = state.operator ? 'Signed in as the operator' : 'Signed in with a tenant secret';
}

async function showTenantList() {
  const tenants = await attempt($('switch-tenant'), () => api('GET', '/tenants?limit=1000'));
  if (tenants) showPicker(tenants);
}

function showPicker(tenants) {
  $('sign-in-panel').hidden = true;
  $('workspace').hidden = true;
  $('tenant-picker').hidden = false;
  const select = $('tenant-select');
  select.replaceChildren(...tenants.map(t => el('option', { value: t.id, selected: t.id === state.tenantId },
    t.name + ' \u2014 ' + t.apikey + (t.status && t.status !== 'active' ? ' (' + t.status + ')' : ''))));
  $('open-tenant').disabled = !tenants.length;
  if (!tenants.length) say('There are no tenants yet. Create one with POST /api/admin/tenants.', false);
  $('picker-title').focus();
}

/** Opens a tenant's workspace; answers whether that worked. */
async function openTenant(id) {
  state.tenantId = id;
  const tenant = await attempt(null, () => api('GET', tenantPath('')));
  if (!tenant) {
    state.tenantId = null;
    return false;
  }
  state.tenantId = tenant.id;
  state.origins = (tenant.origins || []).slice();
  state.originsDirty = false;
  sessionStorage.setItem(STORE.tenant, tenant.id);
  $('sign-in-panel').hidden = true;
  $('tenant-picker').hidden = true;
  $('workspace').hidden = false;
  $('tenant-name').textContent = tenant.name;
  $('tenant-apikey').textContent = tenant.apikey;
  $('tenant-id-shown').textContent = tenant.id;
  renderOrigins();
  const wanted = location.hash.slice(1);
  show(LOADERS[wanted] ? wanted : 'custom-auth');
  $('tenant-name').focus();
  return true;
}

function signOut(clearMessage) {
  for (const key of Object.values(STORE)) sessionStorage.removeItem(key);
  state.token = null;
  state.tenantId = null;
  state.operator = false;
  $('workspace').hidden = true;
  $('tenant-picker').hidden = true;
  $('sign-in-panel').hidden = false;
  $('sign-out').hidden = true;
  $('switch-tenant').hidden = true;
  $('who').hidden = true;
  $('client-id').value = '';
  $('client-secret').value = '';
  if (clearMessage) quiet();
  $('token').focus();
}

// ---- sections ----

const LOADERS = {
  'custom-auth': loadApp, setup: loadSetup, domains: loadDomains, origins: renderOrigins, connections: loadConnections, audit: loadAudit,
};

function show(section) {
  state.section = section;
  for (const button of document.querySelectorAll('.tabs button')) {
    if (button.dataset.section === section) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  for (const panel of document.querySelectorAll('.panel')) panel.hidden = panel.id !== section;
  history.replaceState(null, '', '#' + section);
  LOADERS[section]();
}

// ---- Custom Auth ----

async function loadApp() {
  try {
    showApp(await api('GET', tenantPath('/apps/instagram')));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'not_found') {
      showSharedApp();
    } else {
      $('app-status').textContent = 'Could not load the Custom Auth settings.';
      say(explain(error), true);
      if (error instanceof ApiError && error.status === 401) signOut(false);
    }
  }
}

function showSharedApp() {
  $('app-status').textContent = 'Using the platform\u2019s shared Instagram app. Save your own App ID and App Secret to use Custom Auth.';
  $('app-status').className = 'status';
  $('client-secret').placeholder = '';
  $('remove-app').hidden = true;
}

function showApp(app) {
  $('app-status').replaceChildren('Custom Auth is on: App ID ', el('code', {}, app.clientId),
    ' \u00b7 App Secret: set (updated ', timeEl(app.updatedAt || app.createdAt), ').');
  $('app-status').className = 'status set';
  $('client-id').value = app.clientId;
  $('client-secret').placeholder = 'Saved \u2014 enter a new secret to replace it';
  $('remove-app').hidden = false;
}

async function saveApp(event) {
  event.preventDefault();
  const clientId = $('client-id').value.trim();
  const clientSecret = $('client-secret').value;
  if (!clientId || !clientSecret) {
    say('Enter both the Instagram App ID and the App Secret.', true);
    (clientId ? $('client-secret') : $('client-id')).focus();
    return;
  }
  // The secret leaves the page with this request and is never kept in the form (nor shown again).
  $('client-secret').value = '';
  const app = await attempt($('save-app'), () => api('PUT', tenantPath('/apps/instagram'), { clientId, clientSecret }), 'Custom Auth saved. Now copy the URLs under \u201cMeta setup\u201d into your app\u2019s settings.');
  if (app) showApp(app);
}

async function removeApp() {
  if (!confirm('Remove Custom Auth? Sign-ins will use the platform\u2019s shared app again.')) return;
  const done = await attempt($('remove-app'), () => api('DELETE', tenantPath('/apps/instagram')), 'Custom Auth removed: the shared app is used again.');
  if (done !== undefined) {
    $('client-id').value = '';
    loadApp();
  }
}

// ---- copyable values ----

function copyRow(label, value, id) {
  const input = el('input', { type: 'text', readonly: true, value: value || '', id, spellcheck: 'false' });
  const button = el('button', { type: 'button', class: 'copy', 'aria-label': 'Copy ' + label, onclick: () => copy(input, label) }, 'Copy');
  return el('div', { class: 'copy-field' }, el('label', { for: id }, label), el('div', { class: 'copy-row' }, input, button));
}

async function copy(input, label) {
  let copied = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    } catch (e) {
      copied = false;
    }
  }
  if (!copied) {
    input.focus();
    input.select();
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
  }
  say(copied ? label + ' copied.' : 'Copying is blocked here: the ' + label + ' is selected, press Ctrl+C (\u2318C) to copy it.', !copied);
}

// ---- Meta setup ----

function appText(host) {
  if (host.app === 'custom') return 'your Custom Auth app (App ID ' + host.clientId + ')';
  if (host.app === 'shared') return 'the platform\u2019s shared Instagram app' + (host.clientId ? ' (App ID ' + host.clientId + ')' : '');
  return 'no Instagram app yet \u2014 save Custom Auth first';
}

async function loadSetup() {
  const setup = await attempt(null, () => api('GET', tenantPath('/apps/instagram/setup')));
  if (!setup) return;
  const warnings = setup.warnings || [];
  $('setup-warnings').replaceChildren(...warnings.map(w => el('p', { class: 'warning', 'data-code': w.code }, w.message)));
  $('setup-hosts').replaceChildren(...(setup.hosts || []).map((h, i) => el('div', { class: 'host', 'data-host': h.host },
    el('h3', {}, h.host + ' ', el('span', { class: 'badge ' + h.status }, h.status)),
    el('p', { class: 'meta' }, h.kind === 'platform' ? 'Platform host' : 'Custom domain', ' \u00b7 signs in with ', appText(h)),
    copyRow('Valid OAuth Redirect URI', h.redirectUri, 'redirect-uri-' + i),
    copyRow('Deauthorize callback URL', h.deauthorizeUrl, 'deauthorize-url-' + i),
    copyRow('Data deletion request URL', h.dataDeletionUrl, 'data-deletion-url-' + i))));
}

// ---- custom domains ----

function domainHelp(d) {
  if (d.status === 'verified') {
    return el('p', { class: 'meta' }, 'Verified ', timeEl(d.verifiedAt), '. Keep the TXT record, and point a CNAME record for ',
      el('code', {}, d.hostname), ' at ', el('code', {}, location.hostname), '.');
  }
  if (d.status === 'suspended') {
    return el('p', {}, 'Suspended: the TXT record is gone, so this host is not served. Restore the record, then verify again.');
  }
  return el('p', {}, 'Create this TXT record at your DNS provider, then press Verify.');
}

async function loadDomains() {
  $('cname-target').textContent = location.hostname;
  const domains = await attempt(null, () => api('GET', tenantPath('/domains')));
  if (!domains) return;
  if (!domains.length) {
    $('domain-list').replaceChildren(el('p', { class: 'meta' }, 'No custom domains yet: the picker signs in on this platform\u2019s host.'));
    return;
  }
  $('domain-list').replaceChildren(...domains.map((d, i) => el('div', { class: 'host domain', 'data-hostname': d.hostname, 'data-status': d.status },
    el('h3', {}, d.hostname + ' ', el('span', { class: 'badge ' + d.status }, d.status)),
    domainHelp(d),
    copyRow('TXT record name', d.txtName, 'txt-name-' + i),
    copyRow('TXT record value', d.txtValue, 'txt-value-' + i),
    el('div', { class: 'actions' },
      d.status === 'verified' ? null
        : el('button', { type: 'button', class: 'primary verify', 'aria-label': 'Verify ' + d.hostname, onclick: e => verifyDomain(e.currentTarget, d.hostname) }, 'Verify'),
      el('button', { type: 'button', class: 'danger remove', 'aria-label': 'Remove ' + d.hostname, onclick: e => removeDomain(e.currentTarget, d.hostname) }, 'Remove')))));
}

async function addDomain(event) {
  event.preventDefault();
  const hostname = $('new-domain').value.trim();
  if (!hostname) {
    say('Enter a host name such as files.example.com.', true);
    $('new-domain').focus();
    return;
  }
  const added = await attempt($('add-domain'), () => api('POST', tenantPath('/domains'), { hostname }),
    d => d.hostname + ' added: create its TXT record, then verify.');
  if (added) {
    $('new-domain').value = '';
    await loadDomains();
  }
}

async function verifyDomain(button, hostname) {
  const verified = await attempt(button, () => api('POST', tenantPath('/domains/' + encodeURIComponent(hostname) + '/verify')),
    hostname + ' is verified.');
  if (verified !== undefined) loadDomains();
}

async function removeDomain(button, hostname) {
  if (!confirm('Remove ' + hostname + '? It stops being served at once.')) return;
  const done = await attempt(button, () => api('DELETE', tenantPath('/domains/' + encodeURIComponent(hostname))), hostname + ' removed.');
  if (done !== undefined) loadDomains();
}

// ---- allowed picker origins ----

function renderOrigins() {
  const list = $('origins-list');
  if (!state.origins.length) {
    list.replaceChildren(el('li', { class: 'meta' }, 'No origins: no picker can sign users in yet.'));
  } else {
    list.replaceChildren(...state.origins.map(origin => el('li', { 'data-origin': origin },
      el('code', {}, origin),
      el('button', { type: 'button', 'aria-label': 'Remove ' + origin, onclick: () => removeOrigin(origin) }, 'Remove'))));
  }
  $('origins-dirty').hidden = !state.originsDirty;
}

function addOrigin(event) {
  event.preventDefault();
  const origin = $('new-origin').value.trim();
  if (!origin) {
    say('Enter an origin such as https://app.example.com.', true);
  } else if (state.origins.includes(origin)) {
    say(origin + ' is already in the list.', true);
  } else {
    state.origins.push(origin);
    state.originsDirty = true;
    $('new-origin').value = '';
    say(origin + ' added. Save the origins to apply it.', false);
  }
  renderOrigins();
  $('new-origin').focus();
}

function removeOrigin(origin) {
  state.origins = state.origins.filter(o => o !== origin);
  state.originsDirty = true;
  renderOrigins();
  say(origin + ' removed. Save the origins to apply it.', false);
  $('new-origin').focus();
}

async function saveOrigins() {
  const tenant = await attempt($('save-origins'), () => api('PATCH', tenantPath(''), { origins: state.origins }), 'Picker origins saved.');
  if (tenant) {
    state.origins = (tenant.origins || []).slice();
    state.originsDirty = false;
    renderOrigins();
  }
}

// ---- connections ----

function who(c) {
  return c.username ? '@' + c.username : 'Instagram user ' + c.providerUserId;
}

async function loadConnections() {
  const list = await attempt(null, () => api('GET', tenantPath('/connections')));
  if (!list) return;
  if (!list.length) {
    $('connection-list').replaceChildren(el('p', { class: 'meta' }, 'Nobody is connected yet.'));
    return;
  }
  $('connection-list').replaceChildren(el('table', {},
    el('thead', {}, el('tr', {}, ['Instagram user', 'Account ID', 'App-scoped ID', 'App', 'Status', 'Connected since', 'Token expires', ''].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, list.map(c => el('tr', { 'data-id': c.id },
      el('td', {}, who(c)),
      el('td', { class: 'account-id', title: 'professional account ID: the same for every app' }, c.accountId),
      el('td', { class: 'app-scoped-id', title: 'this app\'s ID for the user, which Meta names in Deauthorize and Data Deletion' },
        c.appScopedId || 'not read yet'),
      el('td', {}, c.app === 'custom' ? 'Custom Auth (' + c.clientId + ')' : 'shared app'),
      el('td', {}, el('span', { class: 'badge ' + c.status }, c.status === 'reconnect_required' ? 'reconnect required' : c.status)),
      el('td', {}, timeEl(c.createdAt)),
      el('td', {}, timeEl(c.tokenExpiresAt)),
      el('td', {}, el('button', { type: 'button', class: 'danger', 'aria-label': 'Disconnect ' + who(c), onclick: e => disconnect(e.currentTarget, c) }, 'Disconnect')))))));
}

async function disconnect(button, connection) {
  if (!confirm('Disconnect ' + who(connection) + '? Their stored token is deleted at once.')) return;
  const done = await attempt(button, () => api('DELETE', tenantPath('/connections/' + encodeURIComponent(connection.id))), who(connection) + ' disconnected.');
  if (done !== undefined) loadConnections();
}

// ---- audit log ----

async function loadAudit() {
  const events = await attempt(null, () => api('GET', tenantPath('/audit')));
  if (!events) return;
  if (!events.length) {
    $('audit-list').replaceChildren(el('p', { class: 'meta' }, 'Nothing recorded yet.'));
    return;
  }
  $('audit-list').replaceChildren(el('table', {},
    el('thead', {}, el('tr', {}, ['When', 'Who', 'What', 'Detail'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, events.map(e => el('tr', { 'data-action': e.action },
      el('td', {}, timeEl(e.at)), el('td', {}, e.actor), el('td', {}, e.action), el('td', {}, e.detail || ''))))));
}

// ---- wiring ----

async function resume() {
  if (!state.token) return;
  signedIn();
  if (state.tenantId && await openTenant(state.tenantId)) return;
  if (!state.token) return; // the token stopped working: openTenant already signed out
  if (state.operator) await showTenantList();
  else signOut(false);
}

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', signIn);
  $('tenant-picker-form').addEventListener('submit', event => {
    event.preventDefault();
    openTenant($('tenant-select').value);
  });
  $('switch-tenant').addEventListener('click', showTenantList);
  $('sign-out').addEventListener('click', () => signOut(true));
  $('app-form').addEventListener('submit', saveApp);
  $('remove-app').addEventListener('click', removeApp);
  $('domain-form').addEventListener('submit', addDomain);
  $('origin-form').addEventListener('submit', addOrigin);
  $('save-origins').addEventListener('click', saveOrigins);
  for (const button of document.querySelectorAll('.tabs button')) {
    button.addEventListener('click', () => {
      quiet();
      show(button.dataset.section);
    });
  }
  window.addEventListener('beforeunload', event => {
    if (state.originsDirty && !$('workspace').hidden) event.preventDefault();
  });
  resume();
});
