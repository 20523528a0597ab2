// Starts Uppy Companion's standalone server exactly as its own bin/companion does (lib/standalone/start-server.js),
// configured by its COMPANION_* environment variables, but listening on 127.0.0.1 only: the stock start script
// calls app.listen(port) on every interface and has no setting for the address.
//   COMPANION_HOME=bench/.companion COMPANION_PORT=… node bench/companion.mjs
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const lib = path.resolve(process.env.COMPANION_HOME, 'node_modules/@uppy/companion/lib');
const { default: standalone } = await import(pathToFileURL(path.join(lib, 'standalone/index.js')).href);
const companion = await import(pathToFileURL(path.join(lib, 'companion.js')).href);

const port = Number(process.env.COMPANION_PORT);
const { app } = standalone();
const server = app.listen(port, '127.0.0.1', () => {
  console.log(`companion listening on http://127.0.0.1:${port}`);
});
companion.socket(server);
