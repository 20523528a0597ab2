// The demo picker: opens the broker's sign-in popup, receives the picker session by postMessage from the broker's
// origin only, then lists media and downloads files through the picker API with that session as a bearer token.
'use strict';

const params = new URLSearchParams(location.search);
const state = { session: null, next: null, picked: new Set(), items: new Map() };

function $(id) { return document.getElementById(id); }
function broker() { return $('broker').value.replace(/\/+$/, ''); }
function brokerOrigin() { return new URL(broker()).origin; }
function status(text) { $('status').textContent = text; }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

async function picker(path, options) {
  const response = await fetch(broker() + '/api/client/instagram' + path,
    Object.assign({ headers: { Authorization: 'Bearer ' + state.session } }, options || {}));
  if (response.status === 401) {
    let code = 'unauthorized';
    try { code = (await response.json()).error; } catch (e) { /* not JSON */ }
    throw new Error(code === 'reconnect_required' ? 'Instagram needs you to connect again.' : 'Your picker session ended.');
  }
  if (!response.ok) throw new Error('The broker answered HTTP ' + response.status + '.');
  return response;
}

function connect() {
  const url = broker() + '/api/client/instagram/auth/open?apikey=' + encodeURIComponent($('apikey').value.trim())
    + '&origin=' + encodeURIComponent(location.origin);
  const popup = window.open(url, 'authbroker', 'width=520,height=680');
  if (!popup) status('Allow pop-ups for this page to connect.'); else status('Waiting for Instagram…');
}

window.addEventListener('message', async event => {
  // Only the broker's own origin may hand us a session.
  if (event.origin !== brokerOrigin() || !event.data || event.data.type !== 'authbroker') return;
  if (event.data.status === 'connected') {
    state.session = event.data.session;
    sessionStorage.setItem('demo.session', state.session);
    await start();
  } else if (event.data.status === 'denied') {
    status('You cancelled the Instagram sign-in.');
  } else {
    status('The sign-in failed: ' + event.data.error);
  }
});

async function start() {
  try {
    const me = await (await picker('/me')).json();
    $('username').textContent = 'Connected as @' + me.username;
    $('connect').hidden = true;
    $('disconnect').hidden = false;
    $('download').hidden = false;
    $('grid').replaceChildren();
    state.next = null;
    await loadPage();
    status('Connected. Pick photos or videos, then download them.');
  } catch (error) {
    reset(error.message);
  }
}

async function loadPage() {
  const page = await (await picker('/media?limit=12' + (state.next ? '&after=' + encodeURIComponent(state.next) : ''))).json();
  for (const item of page.items) {
    state.items.set(item.id, item);
    $('grid').append(tile(item));
  }
  state.next = page.next;
  $('load-more').hidden = !state.next;
}

function fileOf(item) {
  // An album has no file of its own: pick its first child.
  return item.type === 'CAROUSEL_ALBUM' && item.children.length ? item.children[0] : item;
}

function tile(item) {
  const file = fileOf(item);
  const picture = file.type === 'IMAGE' ? el('img', { alt: item.caption || 'Instagram media ' + item.id }) : el('div', { class: 'placeholder', 'aria-hidden': 'true' }, '\u25b6');
  if (file.type === 'IMAGE') {
    picker('/media/' + encodeURIComponent(file.id) + '/content').then(r => r.blob()).then(b => { picture.src = URL.createObjectURL(b); }).catch(() => {});
  }
  const box = el('input', { type: 'checkbox', class: 'pick', id: 'pick-' + item.id, onchange: e => {
    if (e.target.checked) state.picked.add(item.id); else state.picked.delete(item.id);
  } });
  return el('div', { class: 'tile', 'data-id': item.id, 'data-type': item.type },
    picture,
    item.type === 'IMAGE' ? null : el('span', { class: 'kind' }, item.type === 'VIDEO' ? 'video' : 'album'),
    el('label', { for: 'pick-' + item.id }, box, (item.caption || item.id).slice(0, 40)));
}

async function download() {
  for (const id of state.picked) {
    const file = fileOf(state.items.get(id));
    try {
      const response = await picker('/media/' + encodeURIComponent(file.id) + '/content');
      const blob = await response.blob();
      const type = response.headers.get('Content-Type') || blob.type;
      const name = file.id + (type.includes('png') ? '.png' : type.includes('jpeg') ? '.jpg' : type.includes('mp4') ? '.mp4' : '.bin');
      const link = el('a', { href: URL.createObjectURL(blob), download: name }, name);
      $('downloads').append(el('li', { 'data-name': name, 'data-size': String(blob.size) }, link, ' \u2014 ' + blob.size + ' bytes'));
    } catch (error) {
      status(error.message);
    }
  }
}

async function disconnect() {
  try {
    const response = await picker('/logout', { method: 'POST' });
    const revoke = (response.headers.get('Link') || '').match(/<([^>]+)>/);
    reset('Disconnected. To remove the app from your Instagram account too, visit ' + (revoke ? revoke[1] : 'Instagram\u2019s settings') + '.');
  } catch (error) {
    reset(error.message);
  }
}

function reset(message) {
  state.session = null;
  state.picked.clear();
  sessionStorage.removeItem('demo.session');
  $('grid').replaceChildren();
  $('username').textContent = '';
  $('connect').hidden = false;
  $('disconnect').hidden = true;
  $('download').hidden = true;
  $('load-more').hidden = true;
  status(message);
}

document.addEventListener('DOMContentLoaded', () => {
  $('broker').value = params.get('broker') || location.origin;
  $('apikey').value = params.get('apikey') || '';
  $('connect').addEventListener('click', connect);
  $('disconnect').addEventListener('click', disconnect);
  $('load-more').addEventListener('click', () => loadPage().catch(e => status(e.message)));
  $('download').addEventListener('click', download);
  state.session = sessionStorage.getItem('demo.session');
  if (state.session) start();
});
