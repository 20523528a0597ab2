// The demo picker, the reference integration of authbroker:
//  1. "Connect Instagram" opens the broker's sign-in popup with this page's origin;
//  2. the popup posts {type:"authbroker", status, session} back; only messages from the broker's origin count;
//  3. the picker session is a bearer token for the picker API: profile, media pages, file bytes, logout.
// Thumbnails and files are fetched with the bearer header and shown as blob: URLs (an <img src> cannot send it).
'use strict';

const SESSION_KEY = 'demo.session';
const BROKER_KEY = 'demo.broker';
const PAGE_SIZE = 12;
const PARALLEL_THUMBNAILS = 4;
// Instagram has no revoke API: a user removes an app's access here. The broker's logout answer names it too.
const MANUAL_REVOKE_URL = 'https://www.instagram.com/accounts/manage_access/';
const EXTENSIONS = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic',
  'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm',
};
const SIGN_IN_ERRORS = {
  invalid_state: 'the sign-in took too long or was answered twice',
  custom_auth_required: 'this domain needs the tenant\u2019s own Instagram app (Custom Auth)',
  no_app_configured: 'the broker has no Instagram app for this tenant',
  tenant_disabled: 'this tenant is disabled',
  provider_error: 'Instagram refused the sign-in',
  provider_unavailable: 'Instagram could not be reached',
};

const state = {
  broker: '',
  apikey: '',
  session: null,
  next: null,
  items: new Map(),
  picked: new Set(),
  thumbnailUrls: [],
  popup: null,
  waiting: false,
  generation: 0,
};

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function status(text, link) {
  $('status').replaceChildren(text, link ? ' ' : '', link || '');
}

function brokerOrigin() {
  try {
    const url = new URL(state.broker);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch (e) {
    return null;
  }
}

// ---- configuration: ?broker=…&apikey=… or the form ----

function configure() {
  const params = new URLSearchParams(location.search);
  state.broker = (params.get('broker') || location.origin).trim().replace(/\/+$/, '');
  state.apikey = (params.get('apikey') || '').trim();
  $('broker').value = state.broker;
  $('apikey').value = state.apikey;
}

/** Takes the form's values; answers false (and says why) when the broker URL is not usable. */
function readSettings() {
  const broker = $('broker').value.trim().replace(/\/+$/, '') || location.origin;
  const apikey = $('apikey').value.trim();
  const previous = state.broker;
  state.broker = broker;
  if (!brokerOrigin()) {
    state.broker = previous;
    status('The broker URL must be an http or https URL, such as http://localhost:8080.');
    $('broker').focus();
    return false;
  }
  state.apikey = apikey;
  history.replaceState(null, '', location.pathname + '?' + new URLSearchParams({ apikey, broker }));
  if (state.session && broker !== previous) reset('Settings changed: connect again with the new broker.');
  return true;
}

function applySettings(event) {
  event.preventDefault();
  if (readSettings() && !state.session) {
    status(state.apikey ? 'Settings saved.' : 'Settings saved. Enter the tenant API key before connecting.');
  }
}

// ---- the picker API ----

class PickerError extends Error {
  constructor(status, code, description) {
    super(description || code);
    this.status = status;
    this.code = code;
  }
}

async function picker(path, options) {
  let response;
  try {
    response = await fetch(state.broker + '/api/client/instagram' + path, Object.assign({
      headers: { Authorization: 'Bearer ' + state.session },
      credentials: 'omit',
      cache: 'no-store',
    }, options || {}));
  } catch (e) {
    throw new PickerError(0, 'network_error', 'the broker could not be reached (or it does not allow this origin)');
  }
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    throw new PickerError(response.status, body && body.error ? body.error : 'http_' + response.status,
      body && body.error_description ? body.error_description : '');
  }
  return response;
}

function problem(error) {
  if (!(error instanceof PickerError)) return 'Something went wrong in this page: ' + error.message;
  if (error.code === 'reconnect_required') return 'Instagram needs you to connect again (reconnect_required).';
  if (error.status === 401) return 'Your picker session ended (' + error.code + '). Connect again.';
  const detail = error.message && error.message !== error.code ? error.message + ' ' : '';
  return 'The broker answered an error: ' + detail + '(' + error.code + ').';
}

/** A failed call: a 401 means the session is gone, so the picker starts over; anything else is just reported. */
function failed(error) {
  if (error instanceof PickerError && error.status === 401) reset(problem(error));
  else status(problem(error));
}

// ---- sign-in popup ----

function connect() {
  if (!readSettings()) return;
  if (!state.apikey) {
    status('Enter the tenant API key first.');
    $('apikey').focus();
    return;
  }
  const url = state.broker + '/api/client/instagram/auth/open?apikey=' + encodeURIComponent(state.apikey)
    + '&origin=' + encodeURIComponent(location.origin);
  state.popup = window.open(url, 'authbroker', 'width=520,height=680');
  if (!state.popup) {
    status('The browser blocked the sign-in pop-up: allow pop-ups for this page, then try again.');
    return;
  }
  state.waiting = true;
  status('Waiting for you to sign in to Instagram in the pop-up window\u2026');
  watchPopup(state.popup);
}

function watchPopup(popup) {
  const timer = setInterval(() => {
    if (!state.waiting || state.popup !== popup) {
      clearInterval(timer);
    } else if (popup.closed) {
      clearInterval(timer);
      // The broker's page posts its answer just before it closes itself: give that message a moment to arrive.
      setTimeout(() => {
        if (state.waiting && state.popup === popup) {
          state.waiting = false;
          status('The sign-in window closed without an answer. Not connected.');
        }
      }, 500);
    }
  }, 400);
}

function onMessage(event) {
  // Only the broker's own origin may hand us a session; everything else (other windows, extensions) is ignored.
  const origin = brokerOrigin();
  if (!origin || event.origin !== origin) return;
  const data = event.data;
  if (!data || typeof data !== 'object' || data.type !== 'authbroker') return;
  state.waiting = false;
  if (data.status === 'connected' && typeof data.session === 'string' && data.session) {
    state.session = data.session;
    sessionStorage.setItem(SESSION_KEY, state.session);
    sessionStorage.setItem(BROKER_KEY, state.broker);
    start();
  } else if (data.status === 'denied') {
    status('Not connected: you declined on Instagram (denied).');
  } else {
    const code = typeof data.error === 'string' ? data.error : 'unknown_error';
    status('Not connected: ' + (SIGN_IN_ERRORS[code] || 'the sign-in failed') + ' (error: ' + code + ').');
  }
}

// ---- profile and media ----

async function start() {
  const generation = ++state.generation;
  status('Connected. Loading your profile\u2026');
  try {
    const me = await (await picker('/me')).json();
    if (generation !== state.generation) return;
    $('username').textContent = 'Connected as @' + me.username;
    $('connect').hidden = true;
    $('disconnect').hidden = false;
    $('media').hidden = false;
    $('grid').replaceChildren();
    state.items.clear();
    state.picked.clear();
    state.next = null;
    updatePicked();
    await loadPage(generation);
    if (generation === state.generation) status('Connected as @' + me.username + '. Pick photos or videos, then download them.');
  } catch (error) {
    if (generation === state.generation) failed(error);
  }
}

async function loadPage(generation) {
  const more = $('load-more');
  more.disabled = true;
  try {
    const query = '?limit=' + PAGE_SIZE + (state.next ? '&after=' + encodeURIComponent(state.next) : '');
    const page = await (await picker('/media' + query)).json();
    if (generation !== state.generation) return;
    const tiles = page.items.filter(item => !state.items.has(item.id)).map(item => {
      state.items.set(item.id, item);
      return tile(item, generation);
    });
    $('grid').append(...tiles);
    if (!state.items.size) $('grid').replaceChildren(el('p', { class: 'hint' }, 'This account has no media yet.'));
    state.next = page.next || null;
    more.hidden = !state.next;
  } finally {
    more.disabled = false;
  }
}

function kindOf(item) {
  if (item.type === 'VIDEO') return '\u25b6 video';
  if (item.type === 'CAROUSEL_ALBUM') return '\u25a6 album of ' + (item.children || []).length;
  return null;
}

/** The image a tile can show: the item itself, or an album's first image. Videos only get a placeholder. */
function previewOf(item) {
  if (item.type === 'IMAGE') return item;
  if (item.type === 'CAROUSEL_ALBUM') return (item.children || []).find(child => child.type === 'IMAGE') || null;
  return null;
}

function tile(item, generation) {
  const preview = previewOf(item);
  const caption = item.caption || 'Untitled ' + item.type.toLowerCase().replace('_', ' ');
  let picture;
  if (preview) {
    picture = el('img', { alt: caption, class: 'thumb', loading: 'lazy' });
    queueThumbnail(preview.id, picture, generation);
  } else {
    picture = el('div', { class: 'placeholder', 'aria-hidden': 'true' }, '\u25b6');
  }
  const box = el('input', { type: 'checkbox', class: 'pick', id: 'pick-' + item.id, value: item.id });
  box.addEventListener('change', () => {
    if (box.checked) state.picked.add(item.id); else state.picked.delete(item.id);
    updatePicked();
  });
  const kind = kindOf(item);
  return el('div', { class: 'tile', 'data-id': item.id, 'data-type': item.type },
    picture,
    kind ? el('span', { class: 'kind' }, kind) : null,
    el('label', { for: 'pick-' + item.id, title: caption }, box, el('span', { class: 'caption' }, caption)));
}

// A small queue, so a page of thumbnails does not open a dozen upstream fetches at once.
const thumbnails = { queue: [], running: 0 };

function queueThumbnail(id, img, generation) {
  thumbnails.queue.push({ id, img, generation });
  pumpThumbnails();
}

function pumpThumbnails() {
  while (thumbnails.running < PARALLEL_THUMBNAILS && thumbnails.queue.length) {
    const job = thumbnails.queue.shift();
    if (job.generation !== state.generation) continue;
    thumbnails.running++;
    picker('/media/' + encodeURIComponent(job.id) + '/content')
      .then(response => response.blob())
      .then(blob => {
        if (job.generation !== state.generation) return;
        const url = URL.createObjectURL(blob);
        state.thumbnailUrls.push(url);
        job.img.src = url;
      })
      .catch(() => {
        job.img.replaceWith(el('div', { class: 'placeholder', title: 'The preview could not be loaded' }, '?'));
      })
      .finally(() => {
        thumbnails.running--;
        pumpThumbnails();
      });
  }
}

function updatePicked() {
  const count = state.picked.size;
  $('picked-count').textContent = count === 0 ? 'Nothing picked.' : count + (count === 1 ? ' item picked.' : ' items picked.');
}

// ---- downloads ----

function extension(contentType) {
  const type = (contentType || '').split(';')[0].trim().toLowerCase();
  if (EXTENSIONS[type]) return EXTENSIONS[type];
  const subtype = type.split('/')[1] || '';
  return /^[a-z0-9]{1,5}$/.test(subtype) ? subtype : 'bin';
}

/** The files behind an item: itself, or every child of an album (an album has no file of its own). */
function filesOf(item) {
  return item.type === 'CAROUSEL_ALBUM' ? item.children || [] : [item];
}

async function download() {
  if (!state.picked.size) {
    status('Pick at least one item first.');
    return;
  }
  const button = $('download');
  button.disabled = true;
  const generation = state.generation;
  let count = 0;
  try {
    for (const tileNode of $('grid').querySelectorAll('.tile')) {
      const item = state.items.get(tileNode.dataset.id);
      if (!item || !state.picked.has(item.id)) continue;
      for (const file of filesOf(item)) {
        status('Downloading ' + file.id + '\u2026');
        const response = await picker('/media/' + encodeURIComponent(file.id) + '/content');
        const blob = await response.blob();
        if (generation !== state.generation) return;
        const type = response.headers.get('Content-Type') || blob.type;
        const name = file.id + '.' + extension(type);
        const link = el('a', { href: URL.createObjectURL(blob), download: name }, name);
        $('downloads').append(el('li', { 'data-id': file.id, 'data-name': name, 'data-size': String(blob.size) },
          link, ' \u2014 ' + blob.size + ' bytes' + (type ? ' (' + type.split(';')[0] + ')' : '')));
        count++;
      }
    }
    status('Downloaded ' + count + (count === 1 ? ' file.' : ' files.') + ' Save them with the links below.');
  } catch (error) {
    failed(error);
  } finally {
    button.disabled = false;
  }
}

// ---- disconnect ----

function revokeUrlFrom(response, body) {
  const candidates = [];
  if (body && typeof body.manualRevokeUrl === 'string') candidates.push(body.manualRevokeUrl);
  const link = response.headers.get('Link') || '';
  const match = link.match(/<([^>]+)>\s*;\s*rel="?manual-revoke"?/) || link.match(/<([^>]+)>/);
  if (match) candidates.push(match[1]);
  for (const candidate of candidates) {
    try {
      if (new URL(candidate).protocol === 'https:') return candidate;
    } catch (e) {
      // not a URL: try the next one
    }
  }
  return MANUAL_REVOKE_URL;
}

async function disconnect() {
  const button = $('disconnect');
  button.disabled = true;
  try {
    const response = await picker('/logout', { method: 'POST' });
    let body = null;
    if (response.status !== 204) {
      try { body = await response.json(); } catch (e) { body = null; }
    }
    const url = revokeUrlFrom(response, body);
    reset('Disconnected. To also remove this app from your Instagram account, visit',
      el('a', { id: 'revoke-link', href: url, target: '_blank', rel: 'noopener noreferrer' }, url));
  } catch (error) {
    if (error instanceof PickerError && error.status === 401) {
      reset('Disconnected (the session had already ended).');
    } else {
      status('Could not disconnect: ' + problem(error));
    }
  } finally {
    button.disabled = false;
  }
}

function reset(message, link) {
  state.generation++;
  state.session = null;
  state.waiting = false;
  state.next = null;
  state.items.clear();
  state.picked.clear();
  thumbnails.queue.length = 0;
  state.thumbnailUrls.forEach(url => URL.revokeObjectURL(url));
  state.thumbnailUrls = [];
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(BROKER_KEY);
  $('grid').replaceChildren();
  $('username').textContent = '';
  $('connect').hidden = false;
  $('disconnect').hidden = true;
  $('media').hidden = true;
  $('load-more').hidden = true;
  updatePicked();
  status(message, link);
}

document.addEventListener('DOMContentLoaded', () => {
  configure();
  window.addEventListener('message', onMessage);
  $('config').addEventListener('submit', applySettings);
  $('connect').addEventListener('click', connect);
  $('disconnect').addEventListener('click', disconnect);
  $('load-more').addEventListener('click', () => loadPage(state.generation).catch(failed));
  $('download').addEventListener('click', download);
  const saved = sessionStorage.getItem(SESSION_KEY);
  if (saved && sessionStorage.getItem(BROKER_KEY) === state.broker) {
    state.session = saved;
    start();
  }
});
